// Runs vars/pyhermetic.groovy outside Jenkins, for the mocha tests in this directory.
//
//   groovy test/groovy/harness.groovy SCENARIO.json
//
// SCENARIO.json: {
//   "library":   "/abs/vars/pyhermetic.groovy",
//   "resources": "/abs/resources",              (what libraryResource reads)
//   "workspace": "/abs/workspace",              (pwd(); pwd(tmp: true) is workspace@tmp)
//   "record":    "/abs/record.json",            (written at the end, see below)
//   "absentSteps": ["publishHTML"],             (steps whose plugin is "not installed")
//   "agentEnv":  {"PATH": "/x"},                (the agent's environment as sh sees it, over the harness's)
//   "strictCps": false,                         (true: what CPS keeps across each step call is serialized and
//                                                read back first, see CpsCheckpoint.groovy)
//   "continueAfterErrors": false,               (true: each call's AbortException goes to callErrors and
//                                                the next call still runs; for tests of many failing calls)
//   "calls": [ {"step": "fingerprint", "config": {...}, "dir": "optional/subdir"},
//              {"script": "pyhermetic.fingerprint(python: '/usr/bin/python3')"} ]
// }
// Each call is made like a Jenkinsfile line: `pyhermetic(config)` for step "pipeline" (or "call"),
// `pyhermetic.<step>(config)` otherwise; a "script" entry is Groovy source run with `pyhermetic` bound.
// The calls stop at the first exception, as a build would. The record is
//   {"events": [...every step call...], "returns": [...], "callErrors": [...],
//    "result": "SUCCESS|UNSTABLE|FAILURE",
//    "thrown": null | {"type": "AbortException", "message": "..."}}
// Exit code: 0 when the record was written (whatever the build result), 2 on a harness problem.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer

Object plainCopy(Object v) {
    if (v instanceof Map) return ((Map) v).collectEntries(new LinkedHashMap()) { k, x -> [k, plainCopy(x)] }
    if (v instanceof List) return new ArrayList(((List) v).collect { plainCopy(it) })
    return v
}

if (args.length != 1) {
    System.err.println('usage: groovy harness.groovy SCENARIO.json')
    System.exit(2)
}
Map scenario = (Map) new JsonSlurper().parse(new File(args[0]), 'UTF-8')
File here = new File(getClass().protectionDomain.codeSource.location.path).parentFile
GroovyClassLoader loader = new GroovyClassLoader(getClass().classLoader)
loader.parseClass(new File(here, 'NonCPS.groovy'))
loader.parseClass(new File(here, 'FakeJenkinsScript.groovy'))
loader.parseClass(new File(here, 'CpsCheckpoint.groovy'))

List<Map> events = []
String workspace = new File(scenario.workspace.toString()).canonicalPath
new File(workspace).mkdirs()
Binding binding = new Binding()
binding.setVariable('__fake', [
        events     : events,
        dirs       : [workspace],
        envStack   : [],
        absentSteps: scenario.absentSteps ?: [],
        agentEnv   : scenario.agentEnv ?: [:],
        resources  : scenario.resources,
])
def currentBuild = loader.loadClass('FakeRunWrapper').newInstance()
currentBuild.events = events
binding.setVariable('currentBuild', currentBuild)
// Jenkins binds `env` too; the library's own env(Map) method must win over it for pyhermetic.env(...).
binding.setVariable('env', [WORKSPACE: workspace])

CompilerConfiguration compiler = new CompilerConfiguration()
compiler.scriptBaseClass = 'FakeJenkinsScript'
// Jenkins' CPS compiler imports NonCPS for every library script.
compiler.addCompilationCustomizers(new ImportCustomizer().addImports('com.cloudbees.groovy.cps.NonCPS'))
// Strict CPS: only the library is rewritten (a Jenkinsfile line's own locals are not its concern).
CompilerConfiguration libraryCompiler = compiler
if (scenario.strictCps) {
    libraryCompiler = new CompilerConfiguration()
    libraryCompiler.scriptBaseClass = 'FakeJenkinsScript'
    libraryCompiler.addCompilationCustomizers(new ImportCustomizer().addImports('com.cloudbees.groovy.cps.NonCPS'),
            loader.loadClass('CpsCheckpointCustomizer').newInstance())
}
GroovyShell shell = new GroovyShell(loader, binding, libraryCompiler)
// Jenkins names the script class after the file: pyhermetic.
Script library = shell.parse(new File(scenario.library.toString()).getText('UTF-8'), 'pyhermetic')
library.setBinding(binding)

List returns = []
List callErrors = []
Map thrown = null
try {
    for (Map call : (List<Map>) scenario.calls) {
        Closure invoke
        if (call.script != null) {
            Binding scriptBinding = new Binding(binding.variables)
            scriptBinding.setVariable('pyhermetic', library)
            Script jenkinsfile = new GroovyShell(loader, scriptBinding, compiler).parse(call.script.toString(), 'Jenkinsfile')
            invoke = { jenkinsfile.run() }
        } else {
            String method = (call.step == 'pipeline' || call.step == 'call') ? 'call' : call.step.toString()
            // As a Jenkinsfile map literal makes it: LinkedHashMaps and ArrayLists, not the parser's lazy maps.
            Map config = (Map) plainCopy(call.config ?: [:])
            invoke = { library.invokeMethod(method, [config] as Object[]) }
        }
        if (scenario.continueAfterErrors) {
            // Test plumbing, not Jenkins behaviour: independent calls that may each fail, in one JVM.
            try {
                returns << (call.dir ? library.dir(call.dir.toString(), invoke) : invoke())
                callErrors << null
            } catch (IOException e) {
                // AbortException is loaded after this script was compiled: match it by name.
                if (e.getClass().simpleName != 'AbortException') throw e
                returns << null
                callErrors << [type: e.getClass().simpleName, message: e.message]
            }
        } else {
            returns << (call.dir ? library.dir(call.dir.toString(), invoke) : invoke())
        }
    }
} catch (Throwable t) {
    thrown = [type: t.getClass().simpleName, message: t.message]
    currentBuild.setResult('FAILURE')
    if (!(t instanceof IOException)) t.printStackTrace()
}

Map record = [events: events, returns: returns, callErrors: callErrors, result: currentBuild.currentResult, thrown: thrown]
File out = new File(scenario.record.toString())
File temp = new File(out.parentFile, out.name + '.tmp')
temp.setText(JsonOutput.toJson(record), 'UTF-8')
temp.renameTo(out)
System.exit(0)
