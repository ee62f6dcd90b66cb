package dev.leadbridge.cli.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadRecordReaderTest {

    private static List<SourceRecord> read(String text, boolean csv) {
        List<SourceRecord> out = new ArrayList<>();
        new LeadRecordReader(new BufferedReader(new StringReader(text)), csv).forEachRemaining(out::add);
        return out;
    }

    @Test
    void csvCellsMayHoldCommasDoubledQuotesAndLineBreaksAndNestedColumnsBecomeObjects() {
        String csv = "id,name,note,attribution.utmSource,consent.adStorage,value,labels,custom\r\n"
                + "oct:1,\"Lee, \"\"Ann\"\"\",\"line one\r\nline two\",google,true,12.50,a|b\\|c,\"{\"\"k\"\":1}\"\r\n"
                + "oct:2,Bob,,,,,,\r\n";

        List<SourceRecord> records = read(csv, true);

        assertThat(records).hasSize(2);
        SourceRecord first = records.get(0);
        assertThat(first.key()).isEqualTo("oct:1");
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.lead().get("name").asText()).isEqualTo("Lee, \"Ann\"");
        assertThat(first.lead().get("note").asText()).isEqualTo("line one\nline two");
        assertThat(first.lead().get("attribution").get("utmSource").asText()).isEqualTo("google");
        assertThat(first.lead().get("consent").get("adStorage").booleanValue()).isTrue();
        assertThat(first.lead().get("value").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(first.lead().get("labels").toString()).isEqualTo("[\"a\",\"b|c\"]");
        assertThat(first.lead().get("custom").get("k").asInt()).isEqualTo(1);
        assertThat(records.get(1).line()).isEqualTo(4);
        assertThat(records.get(1).lead().has("note")).isFalse();
    }

    @Test
    void aCsvRowWithTheWrongNumberOfCellsIsRejectedWithItsLineAndTheNextRowIsRead() {
        List<SourceRecord> records = read("id,name\noct:1,Ann,extra\noct:2,Bob\n", true);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).readable()).isFalse();
        assertThat(records.get(0).error()).isEqualTo("line 2: 3 cells where the header has 2");
        assertThat(records.get(0).key()).startsWith("line:2:");
        assertThat(records.get(1).key()).isEqualTo("oct:2");
    }

    @Test
    void aJsonRecordWithoutIdIsKeyedByLineNumberAndContentHash() {
        List<SourceRecord> records = read("{\"name\":\"Ann\"}\n{\"name\":\"Ann\"}\n", false);

        assertThat(records.get(0).key()).matches("line:1:[0-9a-f]{16}");
        assertThat(records.get(1).key()).matches("line:2:[0-9a-f]{16}");
        assertThat(records.get(0).key().substring(7)).isEqualTo(records.get(1).key().substring(7));
    }
}
