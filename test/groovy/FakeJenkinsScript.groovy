// The pipeline steps vars/pyhermetic.groovy uses, for running it without Jenkins. It is the script
// base class the harness compiles the library with, so a step call inside the library lands here.
//
// What is real: `sh` runs /bin/sh -xe on a script file (as Jenkins' durable-task does) with the
// process environment plus the withEnv overrides, in the current dir(); files are really written and
// read. What is recorded: every step call goes into `events` (the mocha test reads them as JSON).
// What is strict on purpose: writeFile/readFile/libraryResource without `encoding` use ISO-8859-1, a
// real agent default that is not UTF-8, so code that forgets the encoding shows up here.
// A step listed in `absentSteps` throws NoSuchMethodError like Jenkins does for a step no installed
// plugin provides.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.nio.file.FileSystems
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.PathMatcher

/** What Jenkins' `error` step throws (hudson.AbortException): a failure without a stack trace. */
class AbortException extends IOException {
    AbortException(String message) { super(message) }
}

/** Strict CPS mode: what Jenkins reports as java.io.NotSerializableException at a step. */
class CpsNotSerializable extends IOException {
    CpsNotSerializable(String message) { super(message) }
}

/** Java serialization with the script (Jenkins' CpsScript, serialized with the program) as a marker. */
@groovy.transform.CompileStatic  // a direct call of the protected enableReplaceObject (dynamic dispatch is refused)
class ScriptReplacingOutputStream extends ObjectOutputStream {
    private final Object script

    ScriptReplacingOutputStream(OutputStream out, Object script) {
        super(out)
        this.script = script
        enableReplaceObject(true)
    }

    @Override
    protected Object replaceObject(Object o) { return o.is(script) ? '<the CpsScript>' : o }
}

/** currentBuild: result only ever gets worse, as in Jenkins. */
class FakeRunWrapper {
    static final List<String> ORDER = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED']
    String result = null
    List<Map> events

    void setResult(String r) {
        events << [step: 'currentBuild.result', value: r]
        if (result == null || ORDER.indexOf(r) > ORDER.indexOf(result)) result = r
    }

    String getResult() { return result }

    String getCurrentResult() { return result ?: 'SUCCESS' }
}

abstract class FakeJenkinsScript extends Script {
    static final String DEFAULT_CHARSET = 'ISO-8859-1'

    // The harness state lives in the binding so the library script instance stays a plain Script.
    private Map state() { return (Map) getBinding().getVariable('__fake') }

    private List<Map> events() { return (List<Map>) state().events }

    private String cwd() { return ((List<String>) state().dirs).last() }

    private void record(String step, Map details) {
        Map event = [step: step]
        event.putAll(details)
        events() << event
    }

    private void present(String step) {
        if (((List) state().absentSteps).contains(step)) {
            throw new NoSuchMethodError("No such DSL method '${step}' found among steps [archiveArtifacts, echo, error, junit, sh, withEnv, writeFile, ...]")
        }
    }

    private File resolveFile(String path) {
        File f = new File(path)
        return f.isAbsolute() ? f : new File(cwd(), path)
    }

    private static String arg(Object args, String name) {
        if (args instanceof Map) return ((Map) args)[name]?.toString()
        return args?.toString()
    }

    // --- strict CPS mode (CpsCheckpoint.groovy inserts the calls) ------------------------------------

    /** Every local in scope before a statement that runs a step: serialized and read back, as CPS would. */
    def __cpsCheckpoint(String where, Map locals) {
        Map<String, String> classes = [:]
        for (Map.Entry e : locals.entrySet()) {
            roundTrip(where, "local ${e.key}", e.value)
            classes[e.key.toString()] = e.value == null ? 'null' : e.value.getClass().name
        }
        record('cpsCheckpoint', [where: where, locals: classes])
    }

    /** A value CPS holds on its stack while a step in the same expression runs. */
    def __cpsHold(String where, Object value) {
        roundTrip(where, 'a value held across a step', value)
        record('cpsHold', [where: where, type: value == null ? 'null' : value.getClass().name])
        return value
    }

    private void roundTrip(String where, String what, Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream()
        try {
            // The script itself stands for CpsScript, which Jenkins serializes with the program: a closure
            // (its owner is the script) is checked for what it captures, not for its owner.
            new ScriptReplacingOutputStream(bytes, this).withCloseable { it.writeObject(value) }
            ClassLoader loader = getClass().classLoader
            new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                protected Class resolveClass(ObjectStreamClass desc) { return Class.forName(desc.name, false, loader) }
            }.withCloseable { it.readObject() }
        } catch (NotSerializableException e) {
            throw new CpsNotSerializable("CPS at ${where}: ${what} is not serializable (${e.message}); the build would fail at this step under default durability")
        }
    }

    // --- steps -------------------------------------------------------------------------------------

    def echo(Object message) {
        present('echo')
        record('echo', [message: message.toString()])
        println(message.toString())
    }

    def error(Object message) {
        present('error')
        record('error', [message: message.toString()])
        throw new AbortException(message.toString())
    }

    def unstable(Map args) {
        present('unstable')
        record('unstable', [message: args.message?.toString()])
        println("WARNING: ${args.message}")
        ((FakeRunWrapper) getBinding().getVariable('currentBuild')).setResult('UNSTABLE')
    }

    def pwd(Map args = [:]) {
        present('pwd')
        String dir = cwd()
        return args.tmp ? dir + '@tmp' : dir
    }

    def dir(String path, Closure body) {
        present('dir')
        File d = resolveFile(path)
        d.mkdirs()
        ((List<String>) state().dirs) << d.canonicalPath
        try {
            return body.call()
        } finally {
            ((List<String>) state().dirs).remove(((List<String>) state().dirs).size() - 1)
        }
    }

    def withEnv(List overrides, Closure body) {
        present('withEnv')
        Map<String, String> layer = [:]
        for (Object o : overrides) {
            String s = o.toString()
            int eq = s.indexOf('=')
            if (eq <= 0) throw new IllegalArgumentException("withEnv entry without NAME=: ${s}")
            layer[s.substring(0, eq)] = s.substring(eq + 1)
        }
        record('withEnv', [overrides: layer])
        ((List<Map>) state().envStack) << layer
        try {
            return body.call()
        } finally {
            ((List<Map>) state().envStack).remove(((List<Map>) state().envStack).size() - 1)
        }
    }

    def sh(Object args) {
        present('sh')
        Map a = args instanceof Map ? (Map) args : [script: args.toString()]
        String script = a.script.toString()
        File tmp = new File(cwd() + '@tmp', 'durable')
        tmp.mkdirs()
        File scriptFile = File.createTempFile('script', '.sh', tmp)
        scriptFile.setText(script, 'UTF-8')
        ProcessBuilder pb = new ProcessBuilder('/bin/sh', '-xe', scriptFile.path)
        pb.directory(new File(cwd()))
        pb.environment().putAll((Map<String, String>) state().agentEnv)
        Map<String, String> overrides = [:]
        for (Map layer : (List<Map>) state().envStack) overrides.putAll(layer)
        pb.environment().putAll(overrides)
        boolean captureStdout = a.returnStdout == true
        if (captureStdout) {
            pb.redirectError(ProcessBuilder.Redirect.INHERIT)
        } else {
            pb.redirectErrorStream(true)
        }
        System.out.flush()
        Process p = pb.start()
        p.getOutputStream().close()
        String stdout = null
        String output = null
        if (captureStdout) {
            stdout = p.getInputStream().getText('UTF-8')
        } else {
            // The build log gets the output as it comes; the record keeps this step's part of it.
            ByteArrayOutputStream copy = new ByteArrayOutputStream()
            byte[] buffer = new byte[8192]
            InputStream from = p.getInputStream()
            int n
            while ((n = from.read(buffer)) > 0) {
                System.out.write(buffer, 0, n)
                System.out.flush()
                copy.write(buffer, 0, n)
            }
            output = copy.toString('UTF-8')
        }
        int status = p.waitFor()
        scriptFile.delete()
        record('sh', [script: script, env: overrides, status: status, returnStatus: a.returnStatus == true, output: output])
        if (a.returnStatus) return status
        if (status != 0) throw new AbortException("script returned exit code ${status}")
        return stdout
    }

    // Credentials: each binding is a map of what would be bound; withCredentials sets the variables to
    // fake secrets named after the id (a secret file gets a real file holding them).
    def usernamePassword(Map args) { return [kind: 'usernamePassword'] + args }

    def string(Map args) { return [kind: 'string'] + args }

    def file(Map args) { return [kind: 'file'] + args }

    def withCredentials(List bindings, Closure body) {
        present('withCredentials')
        Map<String, String> layer = [:]
        for (Map b : bindings) {
            String id = b.credentialsId.toString()
            if (b.kind == 'usernamePassword') {
                layer[b.usernameVariable.toString()] = 'user-of-' + id
                layer[b.passwordVariable.toString()] = 'secret-password-of-' + id
            } else if (b.kind == 'string') {
                layer[b.variable.toString()] = 'secret-token-of-' + id
            } else {
                File secret = File.createTempFile('secret', '.key', new File(cwd() + '@tmp').with { mkdirs(); it })
                secret.setText('secret-key-of-' + id, 'UTF-8')
                layer[b.variable.toString()] = secret.path
            }
        }
        record('withCredentials', [bindings: bindings, variables: layer])
        ((List<Map>) state().envStack) << layer
        try {
            return body.call()
        } finally {
            ((List<Map>) state().envStack).remove(((List<Map>) state().envStack).size() - 1)
        }
    }

    def writeFile(Map args) {
        present('writeFile')
        File f = resolveFile(args.file.toString())
        f.parentFile.mkdirs()
        f.setText(args.text.toString(), (args.encoding ?: DEFAULT_CHARSET).toString())
        record('writeFile', [file: f.path, encoding: args.encoding])
    }

    def readFile(Object args) {
        present('readFile')
        File f = resolveFile(arg(args, 'file'))
        String enc = args instanceof Map && args.encoding ? args.encoding.toString() : DEFAULT_CHARSET
        record('readFile', [file: f.path])
        return f.getText(enc)
    }

    def fileExists(Object args) {
        present('fileExists')
        return resolveFile(arg(args, 'file')).exists()
    }

    def libraryResource(Object args) {
        present('libraryResource')
        String name = arg(args, 'resource')
        String enc = args instanceof Map && args.encoding ? args.encoding.toString() : DEFAULT_CHARSET
        File f = new File(state().resources.toString(), name)
        if (!f.isFile()) throw new AbortException("No such library resource ${name} could be found.")
        record('libraryResource', [resource: name, encoding: args instanceof Map ? args.encoding : null])
        return f.getText(enc)
    }

    def writeJSON(Map args) {
        present('writeJSON')
        File f = resolveFile(args.file.toString())
        f.parentFile.mkdirs()
        f.setText(args.pretty ? JsonOutput.prettyPrint(JsonOutput.toJson(args.json)) : JsonOutput.toJson(args.json), 'UTF-8')
        record('writeJSON', [file: f.path])
    }

    def readJSON(Map args) {
        present('readJSON')
        record('readJSON', [file: args.file?.toString()])
        String text = args.text != null ? args.text.toString() : resolveFile(args.file.toString()).getText('UTF-8')
        return new JsonSlurper().parseText(text)
    }

    def junit(Map args) {
        present('junit')
        List<String> files = matching(args.testResults.toString())
        int tests = 0, failures = 0
        for (String rel : files) {
            def suite = new XmlSlurper().parse(new File(cwd(), rel))
            tests += suite.'**'.findAll { it.name() == 'testcase' }.size()
            failures += suite.'**'.findAll { it.name() == 'failure' || it.name() == 'error' }.size()
        }
        record('junit', [testResults: args.testResults, files: files, tests: tests, failures: failures])
        if (files.isEmpty() && !args.allowEmptyResults) throw new AbortException("No test report files were found: ${args.testResults}")
        if (failures > 0) ((FakeRunWrapper) getBinding().getVariable('currentBuild')).setResult('UNSTABLE')
    }

    def archiveArtifacts(Map args) {
        present('archiveArtifacts')
        List<String> files = []
        for (String pattern : args.artifacts.toString().split(',')) {
            if (pattern.trim()) files.addAll(matching(pattern.trim()))
        }
        record('archiveArtifacts', [artifacts: args.artifacts, fingerprint: args.fingerprint, allowEmptyArchive: args.allowEmptyArchive, files: files.unique().sort()])
        if (files.isEmpty() && !args.allowEmptyArchive) throw new AbortException("No artifacts found that match the file pattern \"${args.artifacts}\"")
    }

    def publishHTML(Map args) {
        present('publishHTML')
        Map target = (Map) args.target
        record('publishHTML', [target: target, exists: new File(resolveFile(target.reportDir.toString()), target.reportFiles.toString()).isFile()])
    }

    /** Warnings NG's SARIF tool: a description recordIssues takes. */
    def sarif(Map args) {
        present('sarif')
        return [tool: 'sarif', pattern: args.pattern?.toString(), id: args.id?.toString(), name: args.name?.toString()]
    }

    /** Warnings NG: records the tools and the files each pattern finds, with the SARIF results counted. */
    def recordIssues(Map args) {
        present('recordIssues')
        // Plain loops: a closure here could not call the private helpers from the library's subclass.
        List<Map> tools = []
        for (Object o : (List) args.tools) {
            Map t = (Map) o
            List<String> files = matching(t.pattern.toString())
            int results = 0
            for (String rel : files) results += ((List) new JsonSlurper().parse(new File(cwd(), rel)).runs[0].results).size()
            tools << [tool: t.tool, pattern: t.pattern, id: t.id, name: t.name, files: files, results: results]
        }
        record('recordIssues', [enabledForFailure: args.enabledForFailure, tools: tools])
    }

    /** Ant-style pattern relative to the current dir → existing files (relative paths). */
    private List<String> matching(String pattern) {
        Path root = new File(cwd()).toPath()
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher('glob:' + pattern)
        List<String> found = []
        if (!Files.isDirectory(root)) return found
        def stream = Files.walk(root)
        try {
            Iterator<Path> paths = stream.iterator()
            while (paths.hasNext()) {
                Path p = paths.next()
                if (Files.isRegularFile(p)) {
                    Path rel = root.relativize(p)
                    if (matcher.matches(rel)) found << rel.toString()
                }
            }
        } finally {
            stream.close()
        }
        return found.sort()
    }
}
