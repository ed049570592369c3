package dev.pulse.sample;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The record key taken from a JSON field ({@code pulse.sample.key-field}); no key when the field is unset or absent.
 */
record RecordKey(String field) {

    static final RecordKey NONE = new RecordKey(null);

    String of(JsonNode node) {
        if (field == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
