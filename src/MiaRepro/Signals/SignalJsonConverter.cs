using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiaRepro.Signals;

/// <summary>Reads a <see cref="Signal"/> by its name or alias through <see cref="SignalRegistry.Get"/>, writes its name:
/// a signal in JSON is always a string, never a position or a serialized object.</summary>
public sealed class SignalJsonConverter : JsonConverter<Signal>
{
    public override Signal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"A signal is a string, one of {string.Join(", ", SignalRegistry.Names.Select(n => $"\"{n}\""))}; got a {reader.TokenType}.");
        try
        {
            return SignalRegistry.Get(reader.GetString()!);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Signal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name);
}
