using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiaRepro.IO;

namespace MiaRepro.Experiments;

/// <summary>
/// What a claim's run trains and measures — its variants' resolved settings without what only the claim says (its
/// name, title, checks, paper values, notes) — as a short hash: claims with the same hash judge the same models and
/// measurements, so they share one run (results/&lt;profile&gt;/&lt;paper&gt;/runs/&lt;run&gt;/).
/// </summary>
public static class RunSettings
{
    static readonly string[] ClaimOnly = ["claim", "testName", "title", "source", "checks", "checkWhy", "asserted", "paperValues", "extension", "scaleDowns", "notes", "run"];

    public static string Hash(IReadOnlyList<ExperimentSpec> variants)
    {
        var array = new JsonArray(variants.Select(v =>
        {
            var node = JsonSerializer.SerializeToNode(v, JsonFormat.Indented)!.AsObject();
            foreach (var key in ClaimOnly) node.Remove(key);
            return (JsonNode)node;
        }).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(array.ToJsonString())))[..16];
    }
}
