using System.Text.Json;

namespace MiaRepro.IO;

/// <summary>How results and manifests are written as JSON: camelCase names, indented, so a diff reads line by line.</summary>
public static class JsonFormat
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
