package org.massageadvisor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.massageadvisor.audit.AuditKey;
import org.massageadvisor.io.OutputGuard;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.audit.DecisionLogs;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.recommendation.Recommendation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        header = "Recommend an interval for one client (a JSON or YAML profile).")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "FILE", description = "The client profile, .json or .yaml.")
    Path file;

    @Option(names = "--json", description = "Print the recommendation as JSON, with its explanation (docs/contract.md#recommendation).")
    boolean json;

    @Option(names = "--audit", paramLabel = "LOG",
            description = "Append the decision to this hash-chained log (JSON lines; rule sets archived in <log dir>/rulesets), "
                    + "or to the PostgreSQL log at postgresql://USER@HOST:PORT/DATABASE (password from PGPASSWORD or ~/.pgpass).")
    String audit;

    @Option(names = "--audit-key", paramLabel = "FILE",
            description = "Seal each logged line with an HMAC-SHA256 under this key file ('audit verify --key' checks it; see docs/audit.md).")
    Path auditKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (auditKey != null && audit == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--audit-key needs --audit LOG");
        }
        new OutputGuard().input("FILE", file).folder("--rules", rules.dir()).log("--audit", audit).check();
        AuditKey key = auditKey == null ? null : AuditKey.read(auditKey);
        ProfileReader.checkFile(file);
        Evaluator evaluator = rules.evaluator();
        Client client = new ProfileReader(evaluator.ruleBase().vocabulary()).readFile(file);
        Recommendation r = evaluator.evaluate(client, json);
        if (audit != null) {
            try (DecisionLog log = DecisionLogs.open(audit, key)) {
                log.append(r, client, evaluator.ruleBase());
            }
        }
        if (json) {
            spec.commandLine().getOut().println(Render.json(r, true));
        } else {
            Render.summary(r, evaluator.ruleBase().vocabulary(), file.toString(), spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
