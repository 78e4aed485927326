// pyhermetic Jenkins steps. Every step only translates its parameters into the runner's command line;
// all decisions live in the runner (resources/pyhermetic/runner.mjs), which a person can run by hand.
//
//   pyhermetic(config: 'pyhermetic.json')                   the whole pipeline
//   pyhermetic.interpreter / .lock / .env / .pack / .verify / .fingerprint(...)   one stage each
//
// How a step runs (the same for all of them):
//   1. the parameters are merged over the step's defaults; an unknown or mistyped key stops the build
//      with error() listing the allowed keys;
//   2. the runner is copied out of the library (libraryResource) into pwd(tmp: true)/pyhermetic/, and
//      the argument list goes next to it as a JSON file;
//   3. sh runs one CONSTANT single-quoted script; every value reaches it only through withEnv, so no
//      parameter is ever parsed by a shell (a path like `'; rm -rf ~; '` is just a file name);
//   4. the runner's exit code becomes the build result: 0 ok, 1 UNSTABLE (findings), 2 and 3 error();
//   5. reports are published (junit, archiveArtifacts with fingerprints, publishHTML when installed)
//      and rerun.sh, the exact command for the agent's shell, is archived.
// Each step returns the runner's exit code (0 or 1; 2 and 3 throw).
//
// Option values are passed as one word `--name=value`, so a value starting with a dash (`--help`,
// `-x`) stays a value instead of being read as another option.
//
// Why the argument file is written with writeFile and a hand-made encoder instead of writeJSON:
// writeJSON goes through json-lib, which turns strings that look like JSON ("null", "[…]", "{…}",
// "\"…\"") into JSON values, so such a parameter would not reach the runner byte for byte, and
// JsonOutput.toJson needs script approval in a sandboxed library. argvJson() below is pure string
// building with JSON backslash-u escapes for everything outside printable ASCII, so the file is ASCII whatever the
// agent's default charset is.
//
// CPS notes: step-calling code keeps only Strings, Lists and Maps in local variables (serializable at
// every step boundary); @NonCPS is used only on pure helpers that call no step. No method is `private`
// (CPS closures cannot always reach private script methods), so the helpers are visible as
// pyhermetic.planStep(...) etc.; they are internal, not part of the documented interface.

// ---------------------------------------------------------------------------------------------------
// The steps

def call(Map config = [:]) {
    return runStep('pipeline', config)
}

def interpreter(Map config = [:]) {
    return runStep('interpreter', config)
}

def lock(Map config = [:]) {
    return runStep('lock', config)
}

def env(Map config = [:]) {
    return runStep('env', config)
}

def pack(Map config = [:]) {
    return runStep('pack', config)
}

def verify(Map config = [:]) {
    return runStep('verify', config)
}

def fingerprint(Map config = [:]) {
    return runStep('fingerprint', config)
}

// ---------------------------------------------------------------------------------------------------
// Running one step (CPS: calls steps)

def runStep(String step, Map userConfig) {
    String cwd = pwd()
    Map plan = planStep(step, userConfig == null ? [:] : userConfig, cwd)
    if (plan.problem) {
        error(plan.problem)
    }
    String base = pwd(tmp: true) + '/pyhermetic'
    String id = step + '-' + UUID.randomUUID().toString()
    String runner = base + '/runner.mjs'
    String argsFile = base + '/' + id + '.args.json'
    String logFile = base + '/' + id + '.log'
    String statusFile = base + '/' + id + '.status'

    writeFile(file: runner, text: libraryResource(resource: 'pyhermetic/runner.mjs', encoding: 'UTF-8'), encoding: 'UTF-8')
    writeFile(file: argsFile, text: argvJson(plan.argv), encoding: 'UTF-8')
    echo("pyhermetic ${step}: running the runner; re-run script: ${plan.rerun}")

    int status = -1
    withEnv(envList([
            PYHERMETIC_RUNNER: runner,
            PYHERMETIC_ARGS  : argsFile,
            PYHERMETIC_RERUN : plan.rerun,
            PYHERMETIC_LOG   : logFile,
            PYHERMETIC_STATUS: statusFile,
            NO_COLOR         : '1',
    ])) {
        // The runner's stdout and stderr go to the build log and, through tee, to a file the step reads
        // the summary from. The exit code travels through a file because a POSIX sh pipeline reports
        // tee's status; `|| rc=$?` keeps Jenkins' `sh -e` from leaving the group before it is written.
        status = sh(script: '{ rc=0; node "$PYHERMETIC_RUNNER" --args "$PYHERMETIC_ARGS" --write-rerun "$PYHERMETIC_RERUN" 2>&1 || rc=$?; echo "$rc" >"$PYHERMETIC_STATUS"; } | tee "$PYHERMETIC_LOG"; exit "$(cat "$PYHERMETIC_STATUS")"',
                returnStatus: true)
    }

    publishReports(step, plan)

    String log = fileExists(logFile) ? readFile(file: logFile, encoding: 'UTF-8') : ''
    if (status == 0) {
        echo("pyhermetic ${step}: ok")
        return 0
    }
    if (status == 1) {
        String summary = ''
        if (plan.summary && fileExists(plan.summary)) {
            summary = summaryText(readFile(file: plan.summary, encoding: 'UTF-8'))
        }
        if (!summary) {
            summary = lastMessage(log)
        }
        markUnstable("pyhermetic ${step}: findings (exit 1): ${summary} | re-run on the agent: sh ${shellWord(plan.rerun)}")
        return 1
    }
    error(failureMessage(step, status, log, plan.rerun))
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

def publishReports(String step, Map plan) {
    for (String report : plan.junit) {
        if (fileExists(report)) {
            junit(testResults: report, allowEmptyResults: true)
        }
    }
    if (plan.html && fileExists(plan.html.dir + '/' + plan.html.file)) {
        try {
            publishHTML(target: [reportDir            : plan.html.dir,
                                 reportFiles          : plan.html.file,
                                 reportName           : 'pyhermetic ' + step + ' report',
                                 keepAll              : true,
                                 alwaysLinkToLastBuild: false,
                                 allowMissing         : false])
        } catch (NoSuchMethodError ignored) {
            // Jenkins throws NoSuchMethodError for a step no installed plugin provides.
            echo("pyhermetic ${step}: HTML Publisher plugin not installed, report.html not published (it is archived with the build)")
        }
    }
    if (plan.archive) {
        for (String skipped : plan.notArchived) {
            echo("pyhermetic ${step}: not archived (outside the workspace or not a plain path): ${skipped}")
        }
        if (plan.archive.size() > 0) {
            archiveArtifacts(artifacts: plan.archive.join(','), fingerprint: true, allowEmptyArchive: true)
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Pure helpers (@NonCPS: no step calls, only values in and out)

/** Each step's parameters with their defaults; null means "not passed to the runner". */
@NonCPS
static Map stepDefaults(String step) {
    Map common = [rerun: ".pyhermetic/${step}/rerun.sh".toString(), archive: true]
    Map own
    switch (step) {
        case 'pipeline': own = [config: 'pyhermetic.json', out: null, store: null]; break
        case 'interpreter': own = [spec: 'python.json', store: null, out: null]; break
        case 'lock': own = [requirements: 'requirements.in', interpreter: null, indexUrls: null, allowSource: [], cacheRoot: null, glibcMax: null, output: 'requirements.lock']; break
        case 'env': own = [interpreter: null, lock: 'requirements.lock', dest: null, indexUrls: null, cacheRoot: null, allowSource: [], force: false]; break
        case 'pack': own = [env: null, app: null, out: null]; break
        case 'verify': own = [artifact: null, tested: null, report: 'pyhermetic-report', glibcMax: null, smoke: []]; break
        case 'fingerprint': own = [python: null, compare: null, timeout: null]; break
        default: throw new IllegalArgumentException('unknown pyhermetic step ' + step)
    }
    Map all = [:]
    all << own
    all << common
    return all
}

@NonCPS
static List<String> requiredKeys(String step) {
    switch (step) {
        case 'pipeline': return ['config']
        case 'interpreter': return ['spec']
        case 'lock': return ['requirements', 'interpreter', 'indexUrls', 'output']
        case 'env': return ['interpreter', 'lock', 'dest', 'indexUrls']
        case 'pack': return ['env', 'out']
        case 'verify': return ['artifact', 'tested', 'report']
        case 'fingerprint': return ['python']
    }
    return []
}

@NonCPS
static List<String> listKeys() {
    return ['indexUrls', 'allowSource', 'smoke']
}

@NonCPS
static List<String> booleanKeys() {
    return ['archive', 'force']
}

@NonCPS
static String stepTitle(String step) {
    return step == 'pipeline' ? 'pyhermetic(...)' : "pyhermetic.${step}(...)".toString()
}

/**
 * Validates the parameters and works out everything the step needs: the runner's argument list, the
 * re-run script's path, and which reports to publish. Returns [problem: message] when the parameters
 * are wrong.
 */
@NonCPS
static Map planStep(String step, Map userConfig, String cwd) {
    Map defaults = stepDefaults(step)
    String title = stepTitle(step)
    List<String> allowed = new ArrayList<String>(defaults.keySet())
    for (Object key : userConfig.keySet()) {
        if (!allowed.contains(key.toString())) {
            return [problem: "${title}: unknown parameter '${key}'. Allowed parameters: ${allowed.join(', ')} (see the help page pyhermetic.txt)".toString()]
        }
    }
    Map cfg = [:]
    cfg << defaults
    cfg << userConfig
    Map values = [:]
    for (String key : allowed) {
        Object v = cfg[key]
        if (v == null) {
            values[key] = null
        } else if (booleanKeys().contains(key)) {
            if (!(v instanceof Boolean)) {
                return [problem: "${title}: parameter '${key}' must be true or false, got ${describe(v)}".toString()]
            }
            values[key] = v
        } else if (listKeys().contains(key)) {
            List<String> items = []
            if (v instanceof CharSequence) {
                items.add(v.toString())
            } else if (v instanceof List) {
                for (Object item : (List) v) {
                    if (!(item instanceof CharSequence)) {
                        return [problem: "${title}: parameter '${key}' must be a list of strings; one item is ${describe(item)}".toString()]
                    }
                    items.add(item.toString())
                }
            } else {
                return [problem: "${title}: parameter '${key}' must be a list of strings, e.g. ${key}: ['value'], got ${describe(v)}".toString()]
            }
            values[key] = items
        } else if (v instanceof CharSequence || v instanceof Number) {
            values[key] = v.toString()
        } else {
            return [problem: "${title}: parameter '${key}' must be a string, got ${describe(v)}".toString()]
        }
    }
    for (String key : requiredKeys(step)) {
        Object v = values[key]
        if (v == null || v == '' || (v instanceof List && ((List) v).isEmpty())) {
            return [problem: "${title}: parameter '${key}' is required (see the help page pyhermetic.txt for an example)".toString()]
        }
    }
    if (values.rerun == '') {
        return [problem: "${title}: parameter 'rerun' must be a file path".toString()]
    }
    return planFor(step, values, cwd)
}

/** What a wrong value is, for messages (no getClass(): the script sandbox forbids it). */
@NonCPS
static String describe(Object v) {
    String kind = 'a value'
    if (v instanceof Boolean) kind = 'a boolean'
    else if (v instanceof Number) kind = 'a number'
    else if (v instanceof CharSequence) kind = 'a string'
    else if (v instanceof List) kind = 'a list'
    else if (v instanceof Map) kind = 'a map'
    return v == null ? 'null' : "${kind}: ${v}".toString()
}

/** The runner's argument list and the step's reports, from validated values. */
@NonCPS
static Map planFor(String step, Map v, String cwd) {
    List<String> argv = []
    List<String> junitFiles = []
    List<String> archive = []
    String reportDir = null
    String summary = null
    switch (step) {
        case 'pipeline':
            // The runner's default output directory is <config dir>/.pyhermetic-out; the step names it
            // explicitly so it knows where the reports are.
            String out = v.out ?: (parentOf(v.config) + '.pyhermetic-out')
            argv += ['pipeline', '--config=' + v.config, '--out=' + out]
            if (v.store) argv += ['--store=' + v.store]
            reportDir = out + '/report'
            junitFiles += [reportDir + '/junit.xml', reportDir + '/tests-junit.xml']
            archive += [reportDir + '/**', out + '/rerun.sh', out + '/dist/*.tar.gz']
            break
        case 'interpreter':
            argv += ['interpreter', 'build', '--spec=' + v.spec]
            if (v.store) argv += ['--store=' + v.store]
            if (v.out) {
                argv += ['--out=' + v.out]
                archive += [v.out + '/**/*.json']
            }
            break
        case 'lock':
            argv += ['lock', '--requirement=' + v.requirements, '--interpreter=' + v.interpreter]
            for (String url : v.indexUrls) argv += ['--index-url=' + url]
            for (String name : v.allowSource) argv += ['--allow-source=' + name]
            if (v.cacheRoot) argv += ['--cache-root=' + v.cacheRoot]
            if (v.glibcMax) argv += ['--glibc-max=' + v.glibcMax]
            argv += ['--output=' + v.output]
            archive += [v.output]
            break
        case 'env':
            argv += ['env', 'create', '--interpreter=' + v.interpreter, '--lock=' + v.lock, '--dest=' + v.dest]
            for (String url : v.indexUrls) argv += ['--index-url=' + url]
            if (v.cacheRoot) argv += ['--cache-root=' + v.cacheRoot]
            for (String name : v.allowSource) argv += ['--allow-source=' + name]
            if (v.force) argv += ['--force']
            archive += [v.dest + '/pyhermetic-env.json']
            break
        case 'pack':
            argv += ['pack', '--env=' + v.env]
            if (v.app) argv += ['--app=' + v.app]
            argv += ['--out=' + v.out]
            archive += [v.out]
            break
        case 'verify':
            argv += ['verify', '--artifact=' + v.artifact, '--tested=' + v.tested, '--report=' + v.report]
            if (v.glibcMax) argv += ['--glibc-max=' + v.glibcMax]
            for (String module : v.smoke) argv += ['--smoke=' + module]
            reportDir = v.report
            junitFiles += [reportDir + '/junit.xml']
            archive += [reportDir + '/**']
            break
        case 'fingerprint':
            argv += ['fingerprint', '--python=' + v.python]
            if (v.compare) argv += ['--compare=' + v.compare]
            if (v.timeout) argv += ['--timeout=' + v.timeout]
            break
    }
    archive += [v.rerun]
    Map html = null
    if (reportDir != null) {
        summary = reportDir + '/summary.md'
        String relDir = relativeTo(cwd, reportDir)
        if (relDir != null) html = [dir: relDir, file: 'report.html']
    }
    List<String> archivable = []
    List<String> notArchived = []
    for (String pattern : archive) {
        String rel = relativeTo(cwd, pattern)
        if (rel == null) notArchived += [pattern] else archivable += [rel]
    }
    List<String> junitRel = []
    for (String file : junitFiles) {
        String rel = relativeTo(cwd, file)
        if (rel != null) junitRel += [rel]
    }
    return [argv       : argv,
            rerun      : absoluteIn(cwd, v.rerun),
            junit      : junitRel,
            html       : html,
            summary    : summary,
            archive    : v.archive ? archivable : null,
            notArchived: notArchived]
}

/** `a/b/pyhermetic.json` → `a/b/`; `pyhermetic.json` → ``. */
@NonCPS
static String parentOf(String path) {
    int slash = path.lastIndexOf('/')
    return slash < 0 ? '' : path.substring(0, slash + 1)
}

@NonCPS
static String absoluteIn(String cwd, String path) {
    return path.startsWith('/') ? path : cwd + '/' + path
}

/**
 * A path or pattern relative to the step's directory, as junit/archiveArtifacts/publishHTML take them;
 * null when it lies outside (they cannot reach it) or holds a comma (their pattern lists split on it).
 */
@NonCPS
static String relativeTo(String cwd, String path) {
    String rel = path
    if (path.startsWith('/')) {
        String prefix = cwd.endsWith('/') ? cwd : cwd + '/'
        if (!path.startsWith(prefix)) return null
        rel = path.substring(prefix.length())
    }
    while (rel.startsWith('./')) rel = rel.substring(2)
    if (rel == '' || rel.startsWith('../') || rel == '..' || rel.contains(',')) return null
    return rel
}

@NonCPS
static List<String> envList(Map vars) {
    List<String> list = []
    for (Object key : vars.keySet()) {
        list.add(key.toString() + '=' + vars[key].toString())
    }
    return list
}

/** A JSON array of strings in pure ASCII: quote and backslash escaped, controls and non-ASCII as backslash-u escapes. */
@NonCPS
static String argvJson(List<String> argv) {
    String hex = '0123456789abcdef'
    StringBuilder json = new StringBuilder('[')
    for (int i = 0; i < argv.size(); i++) {
        if (i > 0) json.append(',')
        json.append('"')
        String word = argv.get(i)
        for (int j = 0; j < word.length(); j++) {
            int c = (int) word.charAt(j)
            if (c == 34 || c == 92) {          // " and \
                json.append('\\').append((char) c)
            } else if (c < 32 || c > 126) {    // controls, DEL, everything outside ASCII (UTF-16 units)
                json.append('\\u')
                json.append(hex.charAt((c >> 12) & 15)).append(hex.charAt((c >> 8) & 15))
                json.append(hex.charAt((c >> 4) & 15)).append(hex.charAt(c & 15))
            } else {
                json.append((char) c)
            }
        }
        json.append('"')
    }
    return json.append(']').toString()
}

/** The same single-quoting as the runner's rerun.sh, for the one path shown in messages. */
@NonCPS
static String shellWord(String word) {
    return "'" + word.replace("'", "'\\''") + "'"
}

/** summary.md as one line for unstable()'s message: the verdict and the first findings, no tables. */
@NonCPS
static String summaryText(String markdown) {
    List<String> lines = []
    for (String line : markdown.readLines()) {
        String t = line.trim()
        if (t && !t.startsWith('|') && !t.startsWith('#')) lines.add(t.replace('**', ''))
        if (lines.size() >= 4) break
    }
    String text = lines.join(' ')
    return text.length() > 600 ? text.substring(0, 600) + '...' : text
}

/** The log without the runner's closing re-run notice (always its last lines; a word may hold a newline). */
@NonCPS
static List<String> runnerLines(String log) {
    List<String> lines = log.readLines()
    for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith('pyhermetic: rerun with: ')) return lines.subList(0, i)
    }
    return lines
}

/** The runner's last message line (its stderr lines start with `pyhermetic: `), else the last line. */
@NonCPS
static String lastMessage(String log) {
    List<String> lines = runnerLines(log)
    for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i)
        if (line.startsWith('pyhermetic: ')) return line.substring('pyhermetic: '.length()).trim()
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).trim()) return lines.get(i).trim()
    }
    return '(the runner printed nothing)'
}

/** The runner's last error with its hint lines, for error(). */
@NonCPS
static String errorLines(String log) {
    List<String> lines = runnerLines(log)
    for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i)
        if (line.startsWith('pyhermetic: error:') || line.startsWith('pyhermetic: internal error')) {
            List<String> block = [line.substring('pyhermetic: '.length()).replaceFirst('^error: ', '')]
            for (int j = i + 1; j < lines.size() && block.size() < 12; j++) {
                String next = lines.get(j)
                if (!next.startsWith(' ')) break
                block.add(next.trim())
            }
            return block.join('\n')
        }
    }
    return lastMessage(log)
}

@NonCPS
static String failureMessage(String step, int status, String log, String rerun) {
    String what
    switch (status) {
        case 2: what = 'usage or config error'; break
        case 3: what = 'environment or tool failure'; break
        case 127: return "pyhermetic ${step}: the runner could not start (exit 127): is Node.js 18 or newer on the agent's PATH as `node`?".toString()
        default: what = 'unexpected exit code'
    }
    return "pyhermetic ${step} failed (exit ${status}: ${what}): ${errorLines(log)}\nre-run on the agent: sh ${shellWord(rerun)}".toString()
}
