package org.jmixed.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

import org.jmixed.JmixedException;

/**
 * The {@code jmixed} command line. Results go to standard output; every error is one line on
 * standard error starting with {@code jmixed: }, with exit code 2 for usage mistakes and 1 for
 * bad input or a model that cannot be fitted. Set {@code JMIXED_DEBUG=1} to get stack traces
 * of unexpected failures.
 */
public final class Main {
    static final int OK = 0;
    static final int INPUT_ERROR = 1;
    static final int USAGE_ERROR = 2;

    static final String HELP = String.join("\n",
            "Usage: jmixed <command> [options]",
            "",
            "Linear mixed-effects models (lme4 semantics) on the JVM.",
            "",
            "Commands:",
            "  fit               fit a model to a CSV file and print its summary or JSON",
            "  predict           predictions for new data, from a fit or a model saved by fit --save",
            "  compare           likelihood-ratio tests of nested models (lme4's anova(m0, m1))",
            "  anova             type III F tests of the fixed-effects terms (Satterthwaite or Kenward-Roger df)",
            "  confint           profile, Wald or bootstrap confidence intervals, as lme4's confint()",
            "  bootstrap         parametric bootstrap of a fit on all cores (as lme4's bootMer)",
            "  rlrt              exact restricted LRT of one variance component (as RLRsim's exactRLRT)",
            "  lmlist            ordinary least-squares fits per level of a grouping factor (lmList)",
            "  moments           ANOVA (method-of-moments) variance components of a balanced design",
            "  gibbs             Gibbs sampler for a random-intercept model: posterior summaries",
            "  simulate-crossed  write synthetic users × items data (power-law activity)",
            "  convert           rewrite a CSV file in the binary .jmx format (memory-mapped by fit) or as .parquet",
            "",
            "Options:",
            "  -h, --help     show this help",
            "  -V, --version  show the version",
            "",
            "Example:",
            "  jmixed fit --data examples/sleepstudy.csv --formula 'Reaction ~ Days + (Days | Subject)'",
            "",
            "Run 'jmixed fit --help' for the options of fit.",
            "");

    private final FitCommand.Fitter fitter;

    public Main() {
        this(FitCommand.DEFAULT_FITTER);
    }

    Main(FitCommand.Fitter fitter) {
        this.fitter = fitter;
    }

    public static void main(String[] args) {
        int code = new Main().run(args, System.out, System.err, System.getenv());
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs the command line without exiting; returns the exit code. */
    public int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        boolean debug = "1".equals(env.get("JMIXED_DEBUG")) || "true".equalsIgnoreCase(env.get("JMIXED_DEBUG"));
        try {
            return dispatch(args, out);
        } catch (CliException e) {
            fail(err, e.getMessage());
            return USAGE_ERROR;
        } catch (JmixedException e) {
            fail(err, e.getMessage() == null ? "invalid input" : e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return INPUT_ERROR;
        } catch (OutOfMemoryError e) {
            fail(err, "out of memory; give Java more heap, e.g. JMIXED_JAVA_OPTS=-Xmx16g");
            return INPUT_ERROR;
        } catch (StackOverflowError e) {
            fail(err, "stack overflow (formula nested too deeply?); JMIXED_JAVA_OPTS=-Xss64m may help");
            return INPUT_ERROR;
        } catch (RuntimeException e) {
            String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            fail(err, "internal error: " + what + (debug ? "" : " (set JMIXED_DEBUG=1 for details)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return INPUT_ERROR;
        }
    }

    private int dispatch(String[] args, PrintStream out) {
        if (args.length == 0) {
            throw new CliException("no command given; try 'jmixed --help'");
        }
        String cmd = args[0];
        switch (cmd) {
            case "-h", "--help", "help" -> {
                if (args.length > 1 && args[1].equals("fit")) {
                    out.print(FitCommand.HELP);
                } else if (args.length > 1 && args[1].equals("compare")) {
                    out.print(CompareCommand.HELP);
                } else if (args.length > 1 && args[1].equals("predict")) {
                    out.print(PredictCommand.HELP);
                } else if (args.length > 1 && args[1].equals("anova")) {
                    out.print(AnovaCommand.HELP);
                } else if (args.length > 1 && args[1].equals("convert")) {
                    out.print(ConvertCommand.HELP);
                } else if (args.length > 1 && args[1].equals("confint")) {
                    out.print(ConfintCommand.HELP);
                } else if (args.length > 1 && args[1].equals("simulate-crossed")) {
                    out.print(SimulateCommand.HELP);
                } else if (args.length > 1 && args[1].equals("lmlist")) {
                    out.print(LmListCommand.HELP);
                } else if (args.length > 1 && args[1].equals("moments")) {
                    out.print(MomentsCommand.HELP);
                } else if (args.length > 1 && args[1].equals("gibbs")) {
                    out.print(GibbsCommand.HELP);
                } else if (args.length > 1 && args[1].equals("bootstrap")) {
                    out.print(BootstrapCommand.HELP);
                } else if (args.length > 1 && args[1].equals("rlrt")) {
                    out.print(RlrtCommand.HELP);
                } else {
                    out.print(HELP);
                }
                return OK;
            }
            case "-V", "--version", "version" -> {
                out.println("jmixed " + version() + " (Java " + System.getProperty("java.version") + ")");
                return OK;
            }
            case "fit" -> {
                if (SparkFitCommand.requested(args, 1)) {
                    return SparkFitCommand.run(args, 1, out);
                }
                return FitCommand.run(FitCommand.parse(args, 1), fitter, out);
            }
            case "compare" -> {
                return CompareCommand.run(CompareCommand.parse(args, 1), out);
            }
            case "predict" -> {
                return PredictCommand.run(PredictCommand.parse(args, 1), out, System.err);
            }
            case "simulate-crossed" -> {
                return SimulateCommand.run(args, 1, out);
            }
            case "convert" -> {
                return ConvertCommand.run(args, 1, out);
            }
            case "lmlist" -> {
                return LmListCommand.run(args, 1, out);
            }
            case "moments" -> {
                return MomentsCommand.run(args, 1, out);
            }
            case "gibbs" -> {
                return GibbsCommand.run(args, 1, out);
            }
            case "anova" -> {
                return AnovaCommand.run(args, 1, out);
            }
            case "confint" -> {
                return ConfintCommand.run(ConfintCommand.parse(args, 1), out);
            }
            case "bootstrap" -> {
                return BootstrapCommand.run(args, 1, out, System.err);
            }
            case "rlrt" -> {
                return RlrtCommand.run(args, 1, out);
            }
            default -> {
                if (cmd.startsWith("-")) {
                    throw new CliException("unknown option '" + cmd + "'; try 'jmixed --help'");
                }
                throw new CliException("unknown command '" + cmd + "'; try 'jmixed --help'");
            }
        }
    }

    /** One line, whatever the message holds. */
    private static void fail(PrintStream err, String message) {
        String line = message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        err.println("jmixed: " + line);
        err.flush();
    }

    /** The Maven version recorded in the jar, or {@code dev} when run from classes. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/META-INF/maven/org.jmixed/cli/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
