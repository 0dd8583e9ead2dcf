package org.massageadvisor.client;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.massageadvisor.io.Bounded;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * The one YAML reader for profiles, scenarios, the vocabulary, invariants and terminology: YAML 1.2's
 * core schema rather than SnakeYAML's YAML 1.1, so {@code yes}, {@code on} and {@code y} are text (only
 * {@code true}/{@code false} are booleans) and {@code 010} is ten, not eight; with SnakeYAML's limits on
 * code points and aliases so a hostile file cannot make it work without end.
 */
public final class Yaml {

    /** At most this many aliases in a document (profiles and rules files need none). */
    static final int MAX_ALIASES = 16;

    public static final ObjectMapper MAPPER = new ObjectMapper(new CoreSchemaFactory(builder()));

    private Yaml() {
    }

    private static YAMLFactoryBuilder builder() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Bounded.DOCUMENT + 1024);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(Node.MAX_DEPTH);
        // Jackson's default, which a builder does not start from.
        return YAMLFactory.builder().loaderOptions(options).enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL);
    }

    /** The core schema's plain scalars (YAML 1.2, section 10.3.2). */
    private static final Pattern NULL = Pattern.compile("null|Null|NULL|~");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT_DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern INT_OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern INT_HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern FLOAT_SPECIAL = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN");
    /** Longer numbers are text: nothing we read needs them, and converting them costs time. */
    private static final int MAX_NUMBER_LENGTH = 100;

    private static final class CoreSchemaFactory extends YAMLFactory {

        CoreSchemaFactory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new CoreSchemaParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }

    /** Resolves untagged plain scalars by the core schema; quoted and tagged scalars as SnakeYAML does. */
    private static final class CoreSchemaParser extends YAMLParser {

        CoreSchemaParser(IOContext ctxt, int parserFeatures, int yamlFeatures, LoaderOptions options, ObjectCodec codec, Reader r) {
            super(ctxt, parserFeatures, yamlFeatures, options, codec, r);
        }

        @Override
        protected JsonToken _decodeScalar(ScalarEvent event) throws IOException {
            String tag = event.getTag();
            if (!event.isPlain() || (tag != null && !tag.equals("!"))) {
                return super._decodeScalar(event);
            }
            String value = event.getValue();
            _textValue = value;
            _cleanedTextValue = null;
            if (value.isEmpty() || NULL.matcher(value).matches()) {
                // An empty value ("key:") is null, as the core schema and Jackson's default say.
                return JsonToken.VALUE_NULL;
            }
            if (value.length() > MAX_NUMBER_LENGTH) {
                return JsonToken.VALUE_STRING;
            }
            if (BOOL.matcher(value).matches()) {
                return value.charAt(0) == 't' || value.charAt(0) == 'T' ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE;
            }
            if (INT_DECIMAL.matcher(value).matches()) {
                String decimal = new BigInteger(value).toString();
                _textValue = decimal;
                return _decodeNumberScalar(decimal, decimal.length());
            }
            if (INT_OCTAL.matcher(value).matches() || INT_HEX.matcher(value).matches()) {
                String decimal = new BigInteger(value.substring(2), value.charAt(1) == 'o' ? 8 : 16).toString();
                _textValue = decimal;
                return _decodeNumberScalar(decimal, decimal.length());
            }
            if (FLOAT.matcher(value).matches() || FLOAT_SPECIAL.matcher(value).matches()) {
                return super._decodeScalar(event);
            }
            return JsonToken.VALUE_STRING;
        }
    }
}
