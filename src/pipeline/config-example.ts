// A complete pyhermetic.json, shown in `pipeline --help`, docs/commands.md and every config error. Its own
// module, free of imports, so the help does not load the pipeline (a fast start).

export const CONFIG_EXAMPLE = `{
  "spec": "python.json",
  "requirements": "requirements.in",
  "lock": "requirements.lock",
  "indexUrls": ["file:///opt/pypi/simple"],
  "allowSource": [],
  "app": ".",
  "test": {"command": ["python", "-m", "pytest", "-q"]},
  "smoke": ["demo_app"],
  "glibcMax": null,
  "systemLibraries": [],
  "strictHostLibs": false,
  "productionRoot": "debian11-root.tar",
  "deployPath": "/opt/demo-app",
  "store": null,
  "cacheRoot": null,
  "remote": null,
  "baseline": null,
  "auditPins": true
}`;
