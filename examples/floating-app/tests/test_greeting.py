import orjson

from floating_app import greeting


def test_greeting_is_escaped():
    assert orjson.loads(greeting("<b>")) == {"html": "hello, &lt;b&gt;"}
