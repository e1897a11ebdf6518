using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiaRepro.Attacks;

/// <summary>Reads and writes <see cref="ThresholdSignal"/> as its JSON name ("modified-entropy"), never as a number,
/// so an experiment file cannot silently select a signal by position.</summary>
public sealed class ThresholdSignalJsonConverter : JsonConverter<ThresholdSignal>
{
    public override ThresholdSignal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"A threshold-attack signal is a string, one of {string.Join(", ", ThresholdSignalNames.All.Select(n => $"\"{n}\""))}; got a {reader.TokenType}.");
        try
        {
            return ThresholdSignalNames.Parse(reader.GetString()!);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, ThresholdSignal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name());
}
