using System.Text.Json;

namespace MiaRepro.Experiments;

/// <summary>Rows a run stored in its metrics.json, read back as the types that wrote them.</summary>
public static class StoredRows
{
    public static IReadOnlyList<T> Read<T>(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value)
            ? value.Deserialize<List<T>>(ClaimRunner.Json) ?? throw new ExperimentException($"metrics.json: '{property}' is null.")
            : throw new ExperimentException($"metrics.json has no '{property}': it was written by another kind, or by code older than the stored rows (rerun the claim).");
}
