// Strict CPS mode of the Groovy harness (scenario "strictCps": true): what CPS keeps across a step call
// is serialized with Java serialization, and read back, before the step runs, as Jenkins does with the
// program state at every step under its default durability. workflow-cps's own transformer does not run
// here (docs/jenkins.md says why); this compile-time rewrite makes the same state visible instead:
//   - before each statement of a CPS method (not @NonCPS) that calls a step, or a method of the library
//     that may call one, every local variable in scope goes to __cpsCheckpoint(where, [name: value]);
//   - a value that CPS holds on its stack while a step runs inside the same expression (the receiver of
//     a call whose arguments run a step, an argument evaluated before such an argument, the left side of
//     an operator whose right side runs one) goes through __cpsHold(where, value).
// FakeJenkinsScript implements both: a value that does not survive ObjectOutputStream/ObjectInputStream
// stops the build with the variable, the line and the class named.
import org.codehaus.groovy.ast.*
import org.codehaus.groovy.ast.expr.*
import org.codehaus.groovy.ast.stmt.*
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer

class CpsCheckpointCustomizer extends CompilationCustomizer {
    CpsCheckpointCustomizer() { super(CompilePhase.CONVERSION) }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.script) return
        Map<String, MethodNode> own = [:]
        for (MethodNode m : classNode.methods) own[m.name] = m
        for (MethodNode m : classNode.methods) {
            if (m.annotations.any { it.classNode.name.endsWith('NonCPS') }) continue
            if (!(m.code instanceof BlockStatement)) continue
            List<String> scope = m.parameters*.name
            new Rewriter(own: own, method: m.name).block((BlockStatement) m.code, scope)
        }
    }
}

class Rewriter {
    Map<String, MethodNode> own
    String method

    /** A step, or a method of the library that is not @NonCPS (it may run steps). */
    boolean suspends(MethodCallExpression c) {
        if (!c.implicitThis) return false
        MethodNode m = own[c.methodAsString]
        return m == null || !m.annotations.any { it.classNode.name.endsWith('NonCPS') }
    }

    boolean runsStep(ASTNode node) {
        if (node == null) return false
        boolean found = false
        node.visit(new CodeVisitorSupport() {
            void visitMethodCallExpression(MethodCallExpression c) {
                if (suspends(c)) found = true
                super.visitMethodCallExpression(c)
            }
            void visitClosureExpression(ClosureExpression e) {}  // a closure body runs later, on its own
        })
        return found
    }

    Expression hold(Expression e, int line) {
        ArgumentListExpression args = new ArgumentListExpression(new ConstantExpression("${method}:${line}".toString()), e)
        MethodCallExpression call = new MethodCallExpression(VariableExpression.THIS_EXPRESSION, '__cpsHold', args)
        call.implicitThis = true
        return call
    }

    Statement checkpoint(List<String> scope, int line) {
        MapExpression locals = new MapExpression()
        for (String name : scope.unique(false)) locals.addMapEntryExpression(new ConstantExpression(name), new VariableExpression(name))
        ArgumentListExpression args = new ArgumentListExpression(new ConstantExpression("${method}:${line}".toString()), locals)
        MethodCallExpression call = new MethodCallExpression(VariableExpression.THIS_EXPRESSION, '__cpsCheckpoint', args)
        call.implicitThis = true
        return new ExpressionStatement(call)
    }

    /** Rewrites the expressions of one statement: values held while a step in the same expression runs. */
    void holdTemporaries(ASTNode node) {
        node.visit(new CodeVisitorSupport() {
            void visitMethodCallExpression(MethodCallExpression c) {
                if (c.arguments instanceof ArgumentListExpression) {
                    List<Expression> args = ((ArgumentListExpression) c.arguments).expressions
                    int last = -1
                    for (int i = 0; i < args.size(); i++) if (runsStep(args[i])) last = i
                    if (last >= 0) {
                        if (!c.implicitThis && !(c.objectExpression instanceof VariableExpression && c.objectExpression.thisExpression))
                            c.objectExpression = hold(c.objectExpression, c.lineNumber)
                        for (int i = 0; i < last; i++) args[i] = hold(args[i], c.lineNumber)
                    }
                }
                super.visitMethodCallExpression(c)
            }
            void visitBinaryExpression(BinaryExpression b) {
                if (b.operation.text != '=' && runsStep(b.rightExpression)) b.leftExpression = hold(b.leftExpression, b.lineNumber)
                super.visitBinaryExpression(b)
            }
            void visitClosureExpression(ClosureExpression e) {}
        })
    }

    void block(BlockStatement b, List<String> outer) {
        List<String> scope = new ArrayList<>(outer)
        List<Statement> out = []
        for (Statement s : b.statements) {
            if (runsStep(s)) {
                out << checkpoint(scope, s.lineNumber)
                holdTemporaries(s)
            }
            nested(s, scope)
            out << s
            if (s instanceof ExpressionStatement && s.expression instanceof DeclarationExpression) {
                scope << ((DeclarationExpression) s.expression).variableExpression.name
            }
        }
        b.statements.clear()
        b.statements.addAll(out)
    }

    /** Blocks inside a statement (if, for, try, closures passed to steps) get their own checkpoints. */
    void nested(Statement s, List<String> scope) {
        Rewriter self = this
        s.visit(new CodeVisitorSupport() {
            void visitBlockStatement(BlockStatement inner) {
                if (inner.is(s)) { super.visitBlockStatement(inner); return }
                self.block(inner, scope)
            }
            void visitForLoop(ForStatement f) {
                List<String> withVar = new ArrayList<>(scope)
                if (f.variable != null && f.variable.name != 'forLoopDummyParameter') withVar << f.variable.name
                f.collectionExpression.visit(this)
                if (f.loopBlock instanceof BlockStatement) self.block((BlockStatement) f.loopBlock, withVar)
            }
            void visitClosureExpression(ClosureExpression e) {
                List<String> inClosure = new ArrayList<>(scope)
                for (Parameter p : e.parameters ?: []) inClosure << p.name
                if (e.code instanceof BlockStatement) self.block((BlockStatement) e.code, inClosure)
            }
            void visitCatchStatement(CatchStatement c) {
                List<String> withVar = new ArrayList<>(scope)
                withVar << c.variable.name
                if (c.code instanceof BlockStatement) self.block((BlockStatement) c.code, withVar)
            }
        })
    }
}
