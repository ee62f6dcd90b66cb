package dev.leadbridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code leadbridge schema}: prints the JSON Schema of the canonical Lead as exported. */
@Command(name = "schema", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Print the JSON Schema of the canonical Lead as exported.",
            "JSON Schema draft 2020-12 of one line of 'export' (jsonl) or the output of 'get'. The same file ships in"
                + " leadbridge-core as dev/leadbridge/core/lead.schema.json."})
final class SchemaCommand implements Callable<Integer> {

    /** Where the schema lives on the class path. */
    static final String RESOURCE = "/dev/leadbridge/core/lead.schema.json";

    private final CliContext ctx;

    SchemaCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out().print(schema());
        ctx.out().flush();
        return ExitCode.OK;
    }

    /** The schema text. */
    static String schema() {
        try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CliException(ExitCode.INTERNAL, "the schema resource " + RESOURCE + " is missing",
                        "the jar is incomplete: rebuild it with 'mvn -q -DskipTests package'");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.INTERNAL, "cannot read the schema resource", null, e);
        }
    }
}
