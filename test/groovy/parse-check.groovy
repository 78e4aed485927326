// Parses Groovy files (Jenkinsfiles) up to the CONVERSION phase: syntax and AST only, no class
// resolution, since Jenkins' own classes (the @Library annotation, steps) are not here.
//   groovy parse-check.groovy FILE...   → exit 0 when all parse; the errors and exit 1 otherwise
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases

int failures = 0
for (String path : args) {
    CompilationUnit unit = new CompilationUnit()
    unit.addSource(new File(path))
    try {
        unit.compile(Phases.CONVERSION)
        println("ok ${path}")
    } catch (Exception e) {
        failures++
        System.err.println("${path}: ${e.message}")
    }
}
System.exit(failures == 0 ? 0 : 1)
