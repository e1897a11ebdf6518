using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MiaRepro.Training;

/// <summary>
/// The one key builder for stored stages: the first 24 hex digits of sha256 over a canonical JSON of the job together with
/// <see cref="TrainingSemantics.Version"/>. Canonical: object keys sorted ordinally, numbers written the same way however
/// they were given (1e-2 = 0.01), and every property at its default left out, recursively: a value equal to its type's
/// default (null; 0 of a number; false of a bool), "", [], and an object that is empty once its own defaults are gone.
/// So adding a field never re-keys existing jobs, provided the field's default means "as before". Defaults are the
/// declared type's: false of a bool? (ModelSpec.Dropout, whose null means true) is kept, as is 0 of an int?. A raw
/// JsonElement carries no types, so its 0 and false are kept. Array elements are kept as they are (position matters).
/// </summary>
public static class JobKey
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public static string Of(object job) => Convert.ToHexStringLower(SHA256.HashData(Canonical(job)))[..24];

    /// <summary>The bytes <see cref="Of"/> hashes (shown by tests and useful when two keys differ unexpectedly).</summary>
    public static byte[] Canonical(object job)
    {
        var element = JsonSerializer.SerializeToElement(new { semantics = TrainingSemantics.Version, job }, Options);
        return Encoding(Normalize(element) ?? new JsonObject());
    }

    static byte[] Encoding(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node);

    /// <summary>The canonical form, or null when <paramref name="e"/> is at its default.</summary>
    static JsonNode? Normalize(JsonElement e, bool inArray = false)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    if (Normalize(p.Value) is { } value) obj[p.Name] = value;
                return obj.Count > 0 || inArray ? obj : null;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in e.EnumerateArray()) array.Add(Normalize(item, inArray: true));
                return array.Count > 0 || inArray ? array : null;
            case JsonValueKind.String:
                var s = e.GetString()!;
                return s.Length > 0 || inArray ? JsonValue.Create(s) : null;
            case JsonValueKind.Number:
                return Number(e.GetRawText());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    /// <summary>Integers beyond 2⁵³ stay exact; every other number is its double, written shortest round-trip.</summary>
    static JsonNode Number(string raw)
    {
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) && Math.Abs(integer) > 1L << 53)
            return JsonValue.Create(integer);
        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        return JsonValue.Create(value == 0 ? 0.0 : value);   // -0 as 0
    }
}
