// pyhermetic Jenkins steps, thin on purpose (SAP Piper's piperExecuteBin pattern): no decisions here.
// Defaults, validation, the command line, rerun.sh, messages, which credentials to bind and what to
// publish come from the runner (`pyhermetic jenkins-step`) and its step table (src/jenkins/step-table.ts;
// docs/jenkins-steps.md). Each step copies the runner out of the library, writes the map as given
// (writeFile + the ASCII encoder below: writeJSON's json-lib turns strings such as "null" or "[1]" into
// JSON values), and runs one CONSTANT single-quoted sh with the paths in withEnv:
//   1. phase `check`: the runner validates the map. A bad map fails here, before any credential is
//      bound; a step that names no credentials runs its command in this same call;
//   2. phase `run`, only when the runner asked for credentials: withCredentials binds what it listed.
// Then it reads the result file, publishes, and maps the exit code: 0 returns 0, 1 marks the build
// UNSTABLE and returns 1, anything else is error().
//
// Written for the sandbox of a folder-level library and for CPS durability (docs/jenkins.md; checked by
// test/groovy/sandbox-check.groovy): only calls in script-security's stock whitelists; no static
// methods; no closure calls a method of this file; only Strings, Lists, Maps and numbers live across a
// step call; @NonCPS only on pure helpers, which parse or encode text and never call a step.

def call(Map config = [:]) { return runStep('pipeline', config) }

def auditPins(Map config = [:]) { return runStep('auditPins', config) }

def interpreter(Map config = [:]) { return runStep('interpreter', config) }

def lock(Map config = [:]) { return runStep('lock', config) }

def env(Map config = [:]) { return runStep('env', config) }

def test(Map config = [:]) { return runStep('test', config) }

def pack(Map config = [:]) { return runStep('pack', config) }

def verify(Map config = [:]) { return runStep('verify', config) }

def fingerprint(Map config = [:]) { return runStep('fingerprint', config) }

def sbom(Map config = [:]) { return runStep('sbom', config) }

def attest(Map config = [:]) { return runStep('attest', config) }

def attestVerify(Map config = [:]) { return runStep('attestVerify', config) }

def runStep(String step, Map given) {
    Map config = given == null ? [:] : given
    String base = pwd(tmp: true) + '/pyhermetic'
    String id = step + '-' + UUID.randomUUID().toString()
    String runner = base + '/runner.mjs'
    String paramsFile = base + '/' + id + '.params.json'
    writeFile(file: runner, text: libraryResource(resource: 'pyhermetic/runner.mjs', encoding: 'UTF-8'), encoding: 'UTF-8')
    writeFile(file: paramsFile, text: toJson(config), encoding: 'UTF-8')
    Map result = runRunner(step, runner, paramsFile, base + '/' + id + '.check.json', 'check', [])
    List bindings = credentialBindings((List) result.credentials)
    if (!bindings.isEmpty()) {
        result = runRunner(step, runner, paramsFile, base + '/' + id + '.run.json', 'run', bindings)
    }
    publishResult(step, (Map) result.publish)
    int code = (int) result.exitCode
    String message = (String) result.message
    if (code == 0) {
        echo(message)
    } else if (code == 1) {
        unstable(message: message)
    } else {
        error(message)
    }
    return code
}

/** One run of the runner: the constant script, the paths through withEnv, the credentials bound around it. */
def runRunner(String step, String runner, String paramsFile, String resultFile, String phase, List bindings) {
    String script = 'node "$PYHERMETIC_RUNNER" jenkins-step "$PYHERMETIC_STEP" --params "$PYHERMETIC_PARAMS" --result "$PYHERMETIC_RESULT" --phase "$PYHERMETIC_PHASE"'
    List variables = ['PYHERMETIC_RUNNER=' + runner, 'PYHERMETIC_STEP=' + step, 'PYHERMETIC_PARAMS=' + paramsFile,
                      'PYHERMETIC_RESULT=' + resultFile, 'PYHERMETIC_PHASE=' + phase, 'NO_COLOR=1']
    Object status = withEnv(variables) {
        bindings.isEmpty() ? sh(script: script, returnStatus: true) : withCredentials(bindings) { sh(script: script, returnStatus: true) }
    }
    if (!fileExists(resultFile)) {
        error("pyhermetic ${step}: the runner wrote no result (exit ${status}; 127: it could not start, is Node.js 18 or newer on the agent's PATH as `node`?). Its output is above.")
    }
    // The text goes into a local String and is parsed in a @NonCPS helper: no parser object lives across
    // a step call, and only plain Maps, Lists, Strings and numbers come back.
    String text = readFile(file: resultFile, encoding: 'UTF-8')
    return parseResult(text)
}

/** The withCredentials bindings the runner listed (kind, id and variables come from its step table). */
def credentialBindings(List wanted) {
    List bindings = []
    if (wanted == null) {
        return bindings
    }
    for (Object item : wanted) {
        Map c = (Map) item
        String kind = (String) c.kind
        if (kind == 'usernamePassword') {
            bindings.add(usernamePassword(credentialsId: (String) c.credentialsId,
                    usernameVariable: (String) c.usernameVariable, passwordVariable: (String) c.passwordVariable))
        } else if (kind == 'string') {
            bindings.add(string(credentialsId: (String) c.credentialsId, variable: (String) c.variable))
        } else if (kind == 'file') {
            bindings.add(file(credentialsId: (String) c.credentialsId, variable: (String) c.variable))
        } else {
            error("pyhermetic: the runner asked for an unknown kind of credentials: ${kind}")
        }
    }
    return bindings
}

def publishResult(String step, Map publish) {
    for (Object report : (List) publish.junit) {
        junit(testResults: (String) report, allowEmptyResults: true)
    }
    if (publish.html instanceof Map) {
        Map html = (Map) publish.html
        try {
            publishHTML(target: [reportDir: (String) html.dir, reportFiles: (String) html.file,
                                 reportName: (String) html.name, keepAll: true,
                                 alwaysLinkToLastBuild: false, allowMissing: false])
        } catch (NoSuchMethodError ignored) {
            // Jenkins throws NoSuchMethodError for a step no installed plugin provides.
            echo("pyhermetic ${step}: HTML Publisher plugin not installed, report.html not published (it is archived with the build)")
        }
    }
    List sarifFiles = publish.sarif instanceof List ? (List) publish.sarif : []
    for (Object item : sarifFiles) {
        Map sarifFile = (Map) item
        try {
            recordIssues(enabledForFailure: true,
                    tools: [sarif(pattern: (String) sarifFile.pattern, id: (String) sarifFile.id, name: (String) sarifFile.name)])
        } catch (NoSuchMethodError ignored) {
            // Warnings NG is not installed: the SARIF is still archived with the build (and the JUnit published).
            echo("pyhermetic ${step}: Warnings NG plugin not installed, ${sarifFile.pattern} not published as issues (it is archived with the build)")
        }
    }
    List archive = (List) publish.archive
    if (!archive.isEmpty()) {
        archiveArtifacts(artifacts: archive.join(','), fingerprint: true, allowEmptyArchive: true)
    }
}

/** The result file (pure ASCII JSON written by the runner) as plain Maps, Lists, Strings, numbers, null. */
@NonCPS
def parseResult(String text) {
    return plain(new groovy.json.JsonSlurper().parseText(text))
}

/** JsonSlurper's lazy maps as LinkedHashMaps (serializable, so CPS can keep them across a step). */
@NonCPS
def plain(Object v) {
    if (v instanceof Map) {
        Map m = [:]
        for (Object k : ((Map) v).keySet()) {
            m.put((String) k, plain(((Map) v).get(k)))
        }
        return m
    }
    if (v instanceof List) {
        List l = []
        for (Object item : (List) v) {
            l.add(plain(item))
        }
        return l
    }
    return v
}

/**
 * JSON in pure ASCII of maps, lists, strings, numbers, booleans and null: strings byte for byte
 * (quote and backslash escaped, controls and non-ASCII as backslash-u escapes), numbers as written
 * (2.10 stays 2.10), any other object as its text.
 */
@NonCPS
String toJson(Object value) {
    if (value == null) {
        return 'null'
    }
    if (value instanceof Boolean) {
        return value.toString()
    }
    if (value instanceof Number) {
        String text = value.toString()
        return text.matches('-?[0-9]+([.][0-9]+)?([eE][+-]?[0-9]+)?') ? text : jsonString(text)
    }
    StringBuilder json = new StringBuilder()
    if (value instanceof Map) {
        json.append('{')
        for (Object key : ((Map) value).keySet()) {
            if (json.length() > 1) {
                json.append(',')
            }
            json.append(jsonString(key.toString())).append(':').append(toJson(((Map) value).get(key)))
        }
        return json.append('}').toString()
    }
    if (value instanceof Collection || value instanceof Object[]) {
        json.append('[')
        for (Object item : value) {
            if (json.length() > 1) {
                json.append(',')
            }
            json.append(toJson(item))
        }
        return json.append(']').toString()
    }
    return jsonString(value.toString())
}

@NonCPS
String jsonString(String s) {
    String hex = '0123456789abcdef'
    StringBuilder json = new StringBuilder('"')
    for (int j = 0; j < s.length(); j++) {
        int c = (int) s.charAt(j)
        // substring, not append(char): the sandbox resolves append(char) to Appendable, which no
        // whitelist lists; append(String) resolves to Appendable.append(CharSequence), which is listed.
        if (c == 34 || c == 92) {          // " and \
            json.append('\\').append(s.substring(j, j + 1))
        } else if (c < 32 || c > 126) {    // controls, DEL, everything outside ASCII (UTF-16 units)
            json.append('\\u')
            for (int shift = 12; shift >= 0; shift -= 4) {
                int digit = (c >> shift) & 15
                json.append(hex.substring(digit, digit + 1))
            }
        } else {
            json.append(s.substring(j, j + 1))
        }
    }
    return json.append('"').toString()
}
