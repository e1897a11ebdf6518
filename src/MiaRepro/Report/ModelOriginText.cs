using MiaRepro.Training;
using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.IO;

namespace MiaRepro.Report;

/// <summary>How the report reads a run's model origins: origins that share a device, CPU/GPU model, libtorch, CUDA and
/// source form one group, and a group whose models differ only by commit (or day) lists them inside it — "36 on cpu
/// (…) on 2026-12-03: 32 at 5a0af3d with uncommitted changes, 4 at eebcf7f" — so two commits of one machine do not read as two machines.</summary>
public static class ModelOriginText
{
    /// <summary>"Models: 12 trained on …; attacks on cpu." from run.json; a run from before origins were recorded, and not
    /// backfilled, says so rather than implying its device trained them.</summary>
    public static string Line(JsonElement run)
    {
        var attacks = run.TryGetProperty("device", out var d) ? d.ToString() : "?";
        if (Read(run) is not { } list)
            return $"Models: where they were trained is not recorded (a run from before model provenance was stored; see MODELS.md or GPU.md beside it where present); attacks on {attacks}.";
        return list.Count == 0 ? $"Models: none; attacks on {attacks}." : $"Models: {string.Join("; ", Groups(list))}; attacks on {attacks}.";
    }

    /// <summary>run.json's model origins, or null where it has none.</summary>
    public static IReadOnlyList<ModelOrigin>? Read(JsonElement run) =>
        run.ValueKind == JsonValueKind.Object && run.TryGetProperty("modelOrigins", out var origins) && origins.ValueKind == JsonValueKind.Array
            ? origins.Deserialize<List<ModelOrigin>>(JsonFormat.Indented) ?? [] : null;

    /// <summary>One phrase per group, largest first: "12 on cuda:0 (NVIDIA H200; libtorch 2.11.0+cu130, CUDA 13.0) at
    /// 4e4ef63 on 2026-11-27", or with its commits listed where it has several.</summary>
    public static IEnumerable<string> Groups(IEnumerable<ModelOrigin> origins) =>
        GroupsOf(origins).Select(g =>
        {
            var first = g[0];
            var days = g.Select(o => o.Day).Distinct().ToList();
            var head = $"{g.Sum(o => o.Models)} on {first.Described}";
            var source = first.Source is null ? "" : $" — {first.Source}";
            if (g.Count == 1) return $"{head} {At(first)} on {first.Day}{source}";
            var dayOnce = days.Count == 1 ? $" on {days[0]}" : "";
            return $"{head}{dayOnce}: {string.Join(", ", g.Select(o => $"{o.Models} {At(o)}{(days.Count == 1 ? "" : $" on {o.Day}")}"))}{source}";
        });

    /// <summary>A few words for the summary table, one phrase per machine whatever the commits or sources: "36 on cpu
    /// (AMD EPYC (AVX-512))"; "backfilled" once where any origin was read after the run.</summary>
    public static string Short(IEnumerable<ModelOrigin> origins)
    {
        var list = origins.ToList();
        var machines = list.GroupBy(o => o.Where).Select(g => (Where: g.Key, Models: g.Sum(o => o.Models)))
            .OrderByDescending(m => m.Models).Select(m => $"{m.Models} on {m.Where}");
        return string.Join("; ", machines) + (list.Any(o => o.Backfilled) ? "; backfilled" : "");
    }

    static string At(ModelOrigin o) => $"at {o.ShortCommit}{(o.Dirty ? " with uncommitted changes" : "")}";

    static List<List<ModelOrigin>> GroupsOf(IEnumerable<ModelOrigin> origins) =>
        origins.GroupBy(o => (o.Device, o.Hardware, o.LibTorch, o.Cuda, o.Source))
            .Select(g => g.OrderByDescending(o => o.Models).ThenBy(o => o.Day, StringComparer.Ordinal).ToList())
            .OrderByDescending(g => g.Sum(o => o.Models)).ToList();
}
