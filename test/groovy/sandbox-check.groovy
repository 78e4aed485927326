// A static check of a Jenkins library script for a sandboxed (folder-level) library and for CPS:
//
//   groovy sandbox-check.groovy ALLOWED.txt LIBRARY.groovy   → exit 0 and "ok", or exit 1 and one line per problem
//   groovy sandbox-check.groovy --list ALLOWED.txt LIBRARY.groovy   → every signature the library needs
//
// It compiles LIBRARY up to semantic analysis (Groovy 2.4, as Jenkins embeds it), walks the AST and
// derives for every call the signature script-security's SandboxInterceptor would look up at run time
// (from the declared types: the library is written with typed locals and casts for that reason):
// receiver type → the first declaration in its supertypes (GroovyCallSiteSelector's order), else a GDK
// method of DefaultGroovyMethods & co. Each signature must be in ALLOWED.txt, the lines of the stock
// whitelists the library relies on (a data file naming the script-security commit they come from).
// Also refused:
//   - a `static` method (a closure inside one has the class as owner: calling a sibling from it goes
//     through DefaultGroovyMethods.invokeMethod, which no whitelist may allow);
//   - a closure calling a method of the library unqualified (same reason, and CPS closures);
//   - a call on a value whose type is not declared (the signature could be anything at run time);
//   - in a CPS method (not @NonCPS): a local of a type CPS cannot serialize (only String, Map, List,
//     numbers, booleans, Object), and a step call evaluated while a non-script receiver is on the stack
//     (`new Parser().parse(readFile(...))` holds the parser across the step);
//   - in a @NonCPS method: a step call (a @NonCPS method cannot run steps).
import java.lang.reflect.Constructor
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import org.codehaus.groovy.ast.*
import org.codehaus.groovy.ast.expr.*
import org.codehaus.groovy.ast.stmt.*
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.customizers.ImportCustomizer
import org.codehaus.groovy.syntax.Types

List<String> argv = args as List
boolean listOnly = !argv.isEmpty() && argv[0] == '--list'
if (listOnly) argv = argv.drop(1)
if (argv.size() != 2) {
    System.err.println('usage: groovy sandbox-check.groovy [--list] ALLOWED.txt LIBRARY.groovy')
    System.exit(2)
}
Set<String> allowed = [] as Set
Map<String, Class> steps = [:]
Set<String> globals = [] as Set
new File(argv[0]).eachLine('UTF-8') { String line ->
    String t = line.trim()
    if (!t || t.startsWith('#')) return
    List<String> words = t.split(/\s+/) as List
    // `step NAME [RETURN_TYPE]`: a pipeline step (dispatched by workflow-cps, not a Java signature)
    if (words[0] == 'step') steps[words[1]] = words.size() > 2 ? Class.forName(words[2]) : Object
    else if (words[0] == 'global') globals << words[1]
    else allowed << t
}

File here = new File(getClass().protectionDomain.codeSource.location.path).parentFile
GroovyClassLoader loader = new GroovyClassLoader(getClass().classLoader)
loader.parseClass(new File(here, 'NonCPS.groovy'))
CompilerConfiguration config = new CompilerConfiguration()
config.addCompilationCustomizers(new ImportCustomizer().addImports('com.cloudbees.groovy.cps.NonCPS'))
CompilationUnit unit = new CompilationUnit(config, null, loader)
File library = new File(argv[1])
unit.addSource('pyhermetic.groovy', library.getText('UTF-8'))
unit.compile(Phases.SEMANTIC_ANALYSIS)
ClassNode script = unit.AST.modules[0].classes.find { it.script }

def checker = new SandboxChecker(allowed: allowed, steps: steps, globals: globals, script: script)
checker.check()
if (listOnly) {
    checker.used.sort().each { println(it) }
    System.exit(0)
}
if (checker.problems.isEmpty()) {
    println("ok: ${library.name}: every call is in the stock whitelists; no static method; no closure calls a sibling; CPS-safe locals")
    System.exit(0)
}
checker.problems.each { println(it) }
System.exit(1)

class SandboxChecker extends CodeVisitorSupport {
    static final List<Class> DGM = [org.codehaus.groovy.runtime.DefaultGroovyMethods,
                                    org.codehaus.groovy.runtime.StringGroovyMethods,
                                    org.codehaus.groovy.runtime.EncodingGroovyMethods,
                                    org.codehaus.groovy.runtime.DateGroovyMethods]
    static final Set<Class> CPS_PLAIN = [String, Map, List, Object, Integer, Long, Boolean, BigDecimal,
                                         int.class, long.class, boolean.class] as Set
    Set<String> allowed, globals
    Map<String, Class> steps
    ClassNode script
    List<String> problems = []
    Set<String> used = [] as Set
    Map<String, MethodNode> own = [:]
    MethodNode current
    boolean nonCps
    int closureDepth = 0

    void check() {
        for (MethodNode m : script.methods) {
            if (m.lineNumber > 0) own[m.name] = m
        }
        for (MethodNode m : script.methods) {
            if (m.lineNumber <= 0 && m.name != 'run') continue
            current = m
            nonCps = m.annotations.any { it.classNode.name.endsWith('NonCPS') }
            if (m.static) problem(m, "static method ${m.name}: write it as an instance method")
            m.code?.visit(this)
        }
    }

    void problem(ASTNode at, String what) {
        problems << "line ${at.lineNumber}: ${current?.name ?: '?'}: ${what}"
    }

    // --- types -------------------------------------------------------------------------------------

    static Class classOf(ClassNode cn) {
        if (cn == null) return Object
        if (ClassHelper.isPrimitiveType(cn)) return ClassHelper.getWrapper(cn).typeClass
        try {
            return cn.redirect().typeClass
        } catch (Throwable ignored) {
            return Object
        }
    }

    Class typeOf(Expression e) {
        if (e instanceof ConstantExpression) return e.value == null ? null : e.value.getClass()
        if (e instanceof GStringExpression) return GString
        if (e instanceof CastExpression) return classOf(e.type)
        if (e instanceof ListExpression) return ArrayList
        if (e instanceof MapExpression) return LinkedHashMap
        if (e instanceof ClosureExpression) return Closure
        if (e instanceof ConstructorCallExpression) return classOf(e.type)
        if (e instanceof NotExpression || e instanceof BooleanExpression) return Boolean
        if (e instanceof VariableExpression) {
            if (e.thisExpression) return Script
            Variable v = e.accessedVariable
            if (v instanceof DynamicVariable || v == null) return Object
            return classOf(v.originType)
        }
        if (e instanceof TernaryExpression) {
            Class a = typeOf(e.trueExpression), b = typeOf(e.falseExpression)
            return a == b ? a : Object
        }
        if (e instanceof PostfixExpression || e instanceof PrefixExpression) return typeOf(e.expression)
        if (e instanceof BinaryExpression) {
            int op = e.operation.type
            if (op == Types.LEFT_SQUARE_BRACKET) return Object
            if (Types.ofType(op, Types.COMPARISON_OPERATOR) || op == Types.LOGICAL_AND || op == Types.LOGICAL_OR
                    || op == Types.KEYWORD_INSTANCEOF || op == Types.MATCH_REGEX) return Boolean
            Class left = typeOf(e.leftExpression)
            if (left == String || left == GString) return String
            if (left != null && Number.isAssignableFrom(left)) return left
            return Object
        }
        if (e instanceof MethodCallExpression) return returnType(e)
        return Object
    }

    Class returnType(MethodCallExpression call) {
        String name = call.methodAsString
        if (call.implicitThis || isThis(call.objectExpression)) {
            MethodNode m = own[name]
            if (m) return classOf(m.returnType)
            return steps[name] ?: Object
        }
        boolean isStatic = call.objectExpression instanceof ClassExpression
        Class receiver = isStatic ? classOf(call.objectExpression.type) : typeOf(call.objectExpression)
        Method m = resolve(receiver, name, argTypes(call.arguments), isStatic)
        return m ? ClassHelper.getWrapper(ClassHelper.make(m.returnType)).typeClass : Object
    }

    static boolean isNull(Expression e) { return e instanceof ConstantExpression && e.value == null }

    static boolean isThis(Expression e) { return e instanceof VariableExpression && e.thisExpression }

    List<Class> argTypes(Expression args) {
        List<Expression> list = args instanceof TupleExpression ? args.expressions : [args]
        if (list.size() == 1 && list[0] instanceof MapExpression && args instanceof TupleExpression
                && args instanceof ArgumentListExpression == false) return [Map]
        return list.collect { typeOf(it) }
    }

    // --- resolution as GroovyCallSiteSelector does it ----------------------------------------------

    static List<Class> supertypesFirst(Class c) {
        LinkedHashSet<Class> out = new LinkedHashSet<>()
        // At run time the receiver is a class: its walk starts at Object, before any interface.
        if (c.interface) out.add(Object)
        visit(out, c)
        return out as List
    }

    static void visit(Set<Class> out, Class c) {
        if (c.superclass != null) visit(out, c.superclass)
        for (Class i : c.interfaces) visit(out, i)
        out.add(c)
    }

    static boolean fits(Class param, Class arg) {
        if (arg == null || arg == Object) return true
        Class p = param.primitive ? ClassHelper.getWrapper(ClassHelper.make(param)).typeClass : param
        if (p.isAssignableFrom(arg)) return true
        return Number.isAssignableFrom(p) && Number.isAssignableFrom(arg)
    }

    static boolean moreSpecific(Class[] a, Class[] b) {
        for (int i = 0; i < a.length; i++) {
            Class x = ClassHelper.getWrapper(ClassHelper.make(a[i])).typeClass
            Class y = ClassHelper.getWrapper(ClassHelper.make(b[i])).typeClass
            if (x.isAssignableFrom(y) && x != y) return false
            if (y.isAssignableFrom(x) && x != y) return true
        }
        return false
    }

    static Method pick(List<Method> candidates) {
        Method best = null
        for (Method m : candidates) {
            if (best == null || moreSpecific(m.parameterTypes, best.parameterTypes)) best = m
        }
        return best
    }

    /**
     * GroovyCallSiteSelector.method: the supertypes in order (Object first), and the first type that
     * declares a fitting method gives the most specific of its own; a static call looks at the class only.
     */
    static Method resolve(Class receiver, String name, List<Class> args, boolean isStatic) {
        if (receiver == null) return null
        for (Class c : isStatic ? [receiver] : supertypesFirst(receiver)) {
            List<Method> candidates = []
            for (Method m : c.declaredMethods) {
                if (m.name == name && Modifier.isStatic(m.modifiers) == isStatic && !m.synthetic
                        && m.parameterCount == args.size()
                        && (0..<args.size()).every { fits(m.parameterTypes[it], args[it]) }) candidates << m
            }
            if (!candidates.isEmpty()) return pick(candidates)
        }
        return null
    }

    static List<Method> gdk(Class receiver, String name, List<Class> args) {
        List<Method> found = []
        for (Class dgm : DGM) {
            Method m = resolve(dgm, name, [receiver] + args, true)
            if (m != null) found << m
        }
        return found
    }

    static String sig(Method m) {
        String kind = Modifier.isStatic(m.modifiers) ? 'staticMethod' : 'method'
        return ([kind, m.declaringClass.name, m.name] + m.parameterTypes.collect { typeName(it) }).join(' ')
    }

    static String typeName(Class c) { return c.array ? typeName(c.componentType) + '[]' : c.name }

    /** The signature the interceptor checks for receiver.name(args), and whether it is allowed. */
    void requireCall(ASTNode at, Class receiver, String name, List<Class> args, boolean isStatic) {
        if (receiver == null) return  // a null literal: nothing is called
        // Object's own methods (toString, equals, hashCode) resolve to Object whatever the value is.
        if (!isStatic && (receiver == Object || receiver == GroovyObject) && resolve(Object, name, args, false) == null) {
            problem(at, "${name}(…) on a value of undeclared type: declare or cast it, so the sandbox signature is known")
            return
        }
        if (!isStatic && Number.isAssignableFrom(receiver)
                && name in ['plus', 'minus', 'multiply', 'div', 'compareTo', 'or', 'and', 'xor', 'intdiv', 'mod',
                            'leftShift', 'rightShift', 'rightShiftUnsigned']) return  // number math: always allowed
        Method m = resolve(receiver, name, args, isStatic)
        if (m != null) {
            used << sig(m)
            if (!allowed.contains(sig(m))) problem(at, "not in sandbox-whitelist.txt (the stock whitelist lines this library may use): ${sig(m)}")
            return
        }
        if (!isStatic) {
            List<Method> viaGdk = gdk(receiver, name, args)
            Method permitted = viaGdk.find { allowed.contains(sig(it)) }
            used << sig(permitted ?: viaGdk[0] ?: m)
            if (permitted != null) return
            if (!viaGdk.isEmpty()) {
                problem(at, "not in sandbox-whitelist.txt (the stock whitelist lines this library may use): ${sig(viaGdk[0])}")
                return
            }
        }
        problem(at, "no method ${receiver.name}.${name} for (${args*.name.join(', ')})")
    }

    // --- the walk ----------------------------------------------------------------------------------

    static boolean plainForCps(Class c) {
        return c == String || c == GString || (c != null && (Map.isAssignableFrom(c) || List.isAssignableFrom(c)
                || Number.isAssignableFrom(c) || c == Boolean))
    }

    boolean containsStep(Expression e) {
        boolean found = false
        e.visit(new CodeVisitorSupport() {
            void visitMethodCallExpression(MethodCallExpression c) {
                if (c.implicitThis && steps.containsKey(c.methodAsString)) found = true
                super.visitMethodCallExpression(c)
            }
        })
        return found
    }

    void visitClosureExpression(ClosureExpression e) {
        closureDepth++
        super.visitClosureExpression(e)
        closureDepth--
    }

    void visitDeclarationExpression(DeclarationExpression e) {
        if (!nonCps && !e.multipleAssignmentDeclaration) {
            Class t = classOf(e.variableExpression.originType)
            if (!CPS_PLAIN.contains(t))
                problem(e, "local ${e.variableExpression.name} of type ${t.name} in a CPS method: only String, Map, List, numbers, booleans survive a step")
        }
        super.visitDeclarationExpression(e)
    }

    void visitMethodCallExpression(MethodCallExpression call) {
        String name = call.methodAsString
        if (name == null) {
            problem(call, 'a call with a computed method name')
        } else if (call.implicitThis) {
            if (own.containsKey(name)) {
                if (closureDepth > 0) problem(call, "a closure calls ${name}(…) of this file unqualified: use a for loop or an instance method without the closure")
            } else if (steps.containsKey(name)) {
                if (nonCps) problem(call, "step ${name} in a @NonCPS method")
            } else {
                problem(call, "${name}(…) is neither a step nor a method of this file")
            }
        } else if (!isThis(call.objectExpression)) {
            boolean isStatic = call.objectExpression instanceof ClassExpression
            Class receiver = isStatic ? classOf(call.objectExpression.type) : typeOf(call.objectExpression)
            requireCall(call, receiver, name, argTypes(call.arguments), isStatic)
            if (!nonCps && !plainForCps(receiver) && containsStep(call.arguments))
                problem(call, "a step runs inside the arguments of ${name}(…) while its receiver is held across it: read into a local first")
        }
        super.visitMethodCallExpression(call)
    }

    void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
        if (!own.containsKey(call.method)) problem(call, "static call ${call.method}(…)")
        super.visitStaticMethodCallExpression(call)
    }

    void visitConstructorCallExpression(ConstructorCallExpression call) {
        Class type = classOf(call.type)
        List<Class> args = argTypes(call.arguments)
        List<Constructor> fitting = type.constructors.findAll { Constructor c ->
            c.parameterCount == args.size() && (0..<args.size()).every { fits(c.parameterTypes[it], args[it]) }
        }
        Constructor best = null
        for (Constructor c : fitting) {
            if (best == null || moreSpecific(c.parameterTypes, best.parameterTypes)) best = c
        }
        String s = best == null ? "new ${type.name}" : (['new', type.name] + best.parameterTypes.collect { typeName(it) }).join(' ')
        used << s
        if (!allowed.contains(s)) problem(call, "not in sandbox-whitelist.txt (the stock whitelist lines this library may use): ${s}")
        if (!nonCps) problem(call, "new ${type.name} in a CPS method: construct objects only in @NonCPS helpers")
        super.visitConstructorCallExpression(call)
    }

    void visitPropertyExpression(PropertyExpression e) {
        String name = e.propertyAsString
        if (isThis(e.objectExpression) || (e.objectExpression instanceof VariableExpression && e.implicitThis)) {
            if (!globals.contains(name)) problem(e, "property ${name} of the script is not a global variable")
        } else {
            Class receiver = typeOf(e.objectExpression)
            if (receiver != null && Map.isAssignableFrom(receiver)) {
                requireCall(e, Map, 'get', [Object], false)
            } else if (!(receiver != null && receiver.array && name == 'length')) {
                requireCall(e, receiver, 'get' + name.capitalize(), [], false)
            }
        }
        super.visitPropertyExpression(e)
    }

    void visitVariableExpression(VariableExpression e) {
        if (e.accessedVariable instanceof DynamicVariable && !globals.contains(e.name))
            problem(e, "${e.name} is neither a local nor a global variable")
        super.visitVariableExpression(e)
    }

    void visitAttributeExpression(AttributeExpression e) { problem(e, 'field access with .@') }

    void visitMethodPointerExpression(MethodPointerExpression e) { problem(e, 'method pointer .&') }

    void visitBinaryExpression(BinaryExpression e) {
        int op = e.operation.type
        Class left = typeOf(e.leftExpression)
        Class right = typeOf(e.rightExpression)
        if (op == Types.ASSIGN || op == Types.KEYWORD_INSTANCEOF || op == Types.LOGICAL_AND || op == Types.LOGICAL_OR) {
            if (op == Types.ASSIGN && e.leftExpression instanceof PropertyExpression) {
                Class target = typeOf(((PropertyExpression) e.leftExpression).objectExpression)
                if (target != null && Map.isAssignableFrom(target)) requireCall(e, Map, 'put', [Object, Object], false)
                else problem(e, 'a property is set on something other than a Map')
            }
        } else if (op == Types.LEFT_SQUARE_BRACKET) {
            requireCall(e, left, 'getAt', [right], false)
        } else if (op == Types.MATCH_REGEX || op == Types.FIND_REGEX) {
            problem(e, 'a regex operator: use String.matches')
        } else if (Types.ofType(op, Types.COMPARISON_OPERATOR)) {
            // A null on either side calls nothing that needs a whitelist (lhs null: bypassed; rhs null: equals).
            if (isNull(e.leftExpression) || isNull(e.rightExpression)) left = null
            boolean numbers = (left == null || Number.isAssignableFrom(left)) && (right == null || Number.isAssignableFrom(right))
            if (left != null && !numbers) {
                if (Comparable.isAssignableFrom(left)) requireCall(e, Comparable, 'compareTo', [Object], false)
                else if (left == Object) {
                    requireCall(e, Comparable, 'compareTo', [Object], false)
                    requireCall(e, Map, 'equals', [Object], false)
                } else requireCall(e, left, 'equals', [Object], false)
            }
        } else {
            String method = [(Types.PLUS): 'plus', (Types.MINUS): 'minus', (Types.MULTIPLY): 'multiply',
                             (Types.DIVIDE): 'div', (Types.BITWISE_AND): 'and', (Types.BITWISE_OR): 'or',
                             (Types.RIGHT_SHIFT): 'rightShift', (Types.LEFT_SHIFT): 'leftShift',
                             (Types.MOD): 'mod', (Types.MINUS_EQUAL): 'minus', (Types.PLUS_EQUAL): 'plus'][op]
            if (method == null) problem(e, "operator ${e.operation.text}")
            else requireCall(e, left, method, [right], false)
        }
        super.visitBinaryExpression(e)
    }
}
