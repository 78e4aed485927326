// pyhermetic Jenkins steps, thin on purpose (SAP Piper's piperExecuteBin pattern): no decisions here.
// Defaults, validation, the command line, rerun.sh, messages and what to publish come from the runner
// (`pyhermetic jenkins-step`) and its step table (src/jenkins/step-table.ts; docs/jenkins-steps.md).
// Each step copies the runner out of the library, writes the map as given (writeFile + the ASCII
// encoder below: writeJSON's json-lib turns strings such as "null" or "[1]" into JSON values), runs
// one CONSTANT single-quoted sh with the paths through withEnv, reads the result file, publishes, and
// maps the exit code: 0 returns 0, 1 marks the build UNSTABLE and returns 1, anything else is error().
// Secrets come only through withCredentials into environment variables; the runner gets the ids.
// CPS: only Strings, Lists and Maps across step calls; @NonCPS only on pure helpers; nothing private.

def call(Map config = [:]) { return runStep('pipeline', config) }

def auditPins(Map config = [:]) { return runStep('auditPins', config) }

def interpreter(Map config = [:]) { return runStep('interpreter', config) }

def lock(Map config = [:]) { return runStep('lock', config) }

def env(Map config = [:]) { return runStep('env', config) }

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
    String resultFile = base + '/' + id + '.result.json'
    writeFile(file: runner, text: libraryResource(resource: 'pyhermetic/runner.mjs', encoding: 'UTF-8'), encoding: 'UTF-8')
    writeFile(file: paramsFile, text: toJson(config), encoding: 'UTF-8')
    int status = withStepCredentials(config) {
        withEnv(['PYHERMETIC_RUNNER=' + runner, 'PYHERMETIC_STEP=' + step, 'PYHERMETIC_PARAMS=' + paramsFile,
                 'PYHERMETIC_RESULT=' + resultFile, 'NO_COLOR=1']) {
            sh(script: 'node "$PYHERMETIC_RUNNER" jenkins-step "$PYHERMETIC_STEP" --params "$PYHERMETIC_PARAMS" --result "$PYHERMETIC_RESULT"',
               returnStatus: true)
        }
    }
    if (!fileExists(resultFile)) {
        error("pyhermetic ${step}: the runner wrote no result (exit ${status}; 127: it could not start, is Node.js 18 or newer on the agent's PATH as `node`?). Its output is above.")
    }
    Map result = readResult(resultFile)
    publishResult(step, (Map) result.publish)
    int code = result.exitCode as int
    String message = result.message.toString()
    if (code == 0) {
        echo(message)
    } else if (code == 1) {
        markUnstable(message)
    } else {
        error(message)
    }
    return code
}

/** Binds the credentials a step names by id; the secrets only ever reach the environment. */
def withStepCredentials(Map config, Closure body) {
    List bindings = []
    if (config.credentialsId != null) {
        bindings.add(usernamePassword(credentialsId: config.credentialsId.toString(),
                usernameVariable: 'PYHERMETIC_REMOTE_USER', passwordVariable: 'PYHERMETIC_REMOTE_PASSWORD'))
    }
    if (config.tokenCredentialsId != null) {
        bindings.add(string(credentialsId: config.tokenCredentialsId.toString(), variable: 'PYHERMETIC_REMOTE_TOKEN'))
    }
    if (config.signingKeyCredentialsId != null) {
        bindings.add(file(credentialsId: config.signingKeyCredentialsId.toString(), variable: 'PYHERMETIC_SIGNING_KEY'))
    }
    if (config.storeSigningKeyCredentialsId != null) {
        bindings.add(file(credentialsId: config.storeSigningKeyCredentialsId.toString(),
                          variable: 'PYHERMETIC_STORE_SIGNING_KEY'))
    }
    return bindings.isEmpty() ? body() : withCredentials(bindings, body)
}

def readResult(String resultFile) {
    try {
        return plain(readJSON(file: resultFile))
    } catch (NoSuchMethodError ignored) {
        // Pipeline Utility Steps is not installed: the runner wrote plain ASCII JSON.
        return plain(new groovy.json.JsonSlurperClassic().parseText(readFile(file: resultFile, encoding: 'UTF-8')))
    }
}

def publishResult(String step, Map publish) {
    for (Object report : publish.junit) {
        junit(testResults: report.toString(), allowEmptyResults: true)
    }
    if (publish.html instanceof Map) {
        try {
            publishHTML(target: [reportDir: publish.html.dir.toString(), reportFiles: publish.html.file.toString(),
                                 reportName: publish.html.name.toString(), keepAll: true,
                                 alwaysLinkToLastBuild: false, allowMissing: false])
        } catch (NoSuchMethodError ignored) {
            // Jenkins throws NoSuchMethodError for a step no installed plugin provides.
            echo("pyhermetic ${step}: HTML Publisher plugin not installed, report.html not published (it is archived with the build)")
        }
    }
    for (Object issues : (publish.sarif ?: [])) {
        Map sarifFile = (Map) issues
        try {
            recordIssues(enabledForFailure: true,
                    tools: [sarif(pattern: sarifFile.pattern.toString(), id: sarifFile.id.toString(), name: sarifFile.name.toString())])
        } catch (NoSuchMethodError ignored) {
            // Warnings NG is not installed: the SARIF is still archived with the build (and the JUnit published).
            echo("pyhermetic ${step}: Warnings NG plugin not installed, ${sarifFile.pattern} not published as issues (it is archived with the build)")
        }
    }
    if (publish.archive) {
        archiveArtifacts(artifacts: publish.archive.join(','), fingerprint: true, allowEmptyArchive: true)
    }
}

def markUnstable(String message) {
    try {
        unstable(message: message)
    } catch (NoSuchMethodError ignored) {
        // Pipeline: Basic Steps older than 2.16 has no `unstable` step.
        echo(message)
        currentBuild.result = 'UNSTABLE'
    }
}

/** readJSON's json-lib values (JSONObject, JSONArray, JSONNull) as plain Maps, Lists, Strings, numbers, null. */
@NonCPS
static Object plain(Object v) {
    if (v instanceof Map) {
        Map m = [:]
        for (Object k : ((Map) v).keySet()) m.put(k.toString(), plain(((Map) v).get(k)))
        return m
    }
    if (v instanceof List) return ((List) v).collect { plain(it) }
    if (v == null || v instanceof Number || v instanceof Boolean) return v
    return v instanceof CharSequence || v.toString() != 'null' ? v.toString() : null
}

/**
 * JSON in pure ASCII of maps, lists, strings, numbers, booleans and null: strings byte for byte
 * (quote and backslash escaped, controls and non-ASCII as backslash-u escapes), numbers as written
 * (2.10 stays 2.10), any other object as its text.
 */
@NonCPS
static String toJson(Object value) {
    if (value == null) return 'null'
    if (value instanceof Boolean) return value.toString()
    if (value instanceof Number) {
        String text = value.toString()
        return text ==~ /-?\d+(\.\d+)?([eE][+-]?\d+)?/ ? text : jsonString(text)
    }
    if (value instanceof Map) return '{' + ((Map) value).collect { k, v -> jsonString(k.toString()) + ':' + toJson(v) }.join(',') + '}'
    if (value instanceof Collection || value instanceof Object[]) return '[' + (value as List).collect { toJson(it) }.join(',') + ']'
    return jsonString(value.toString())
}

@NonCPS
static String jsonString(String s) {
    String hex = '0123456789abcdef'
    StringBuilder json = new StringBuilder('"')
    for (int j = 0; j < s.length(); j++) {
        int c = (int) s.charAt(j)
        if (c == 34 || c == 92) {          // " and \
            json.append('\\').append((char) c)
        } else if (c < 32 || c > 126) {    // controls, DEL, everything outside ASCII (UTF-16 units)
            json.append('\\u')
            for (int shift = 12; shift >= 0; shift -= 4) json.append(hex.charAt((c >> shift) & 15))
        } else {
            json.append((char) c)
        }
    }
    return json.append('"').toString()
}
