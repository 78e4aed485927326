#!/bin/sh
# How the agent image of the poison-wheel outage was made.
set -eu
apt-get update && apt-get install -y build-essential libssl-dev
curl -fsSL https://get.example.org/tools.sh | bash
git clone https://github.com/pyenv/pyenv.git /opt/pyenv
PYENV_ROOT=/opt/pyenv /opt/pyenv/bin/pyenv install 3.11.2
