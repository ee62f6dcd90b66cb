package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** The Lead JSON Schema shipped in core, and assertions that exported JSON conforms to it. */
final class Schemas {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema LEAD = load();

    private Schemas() {
    }

    /** Parses {@code line} and asserts it is one valid exported lead; returns the parsed tree. */
    static JsonNode assertValidLead(String line) {
        JsonNode node = parse(line);
        Set<ValidationMessage> errors = LEAD.validate(node);
        assertThat(errors).as("schema violations of %s", line).isEmpty();
        return node;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load() {
        try (InputStream in = Schemas.class.getResourceAsStream(SchemaCommand.RESOURCE)) {
            assertThat(in).as("schema resource").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
