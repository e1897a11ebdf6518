using MiaRepro.Experiments;
using MiaRepro.Experiments.Sharding;
using MiaRepro.Training.Sharding;
using Spectre.Console;

namespace MiaRepro.Cli;

/// <summary>`run &lt;claim&gt; --shard i/n` (train shard i's jobs into the shared --cache) and `merge &lt;claim&gt;` (check the
/// shards, then run the claim from the store): one claim's training spread over processes or machines.</summary>
internal static class ShardCommands
{
    public static async Task<int> Run(MiaReproSettings settings, string target, string shardText, CancellationToken cancel)
    {
        var shard = Shard.Parse(shardText);
        var claims = Commands.Select(settings, target);
        await FetchOnRun.Missing(settings, claims.Select(p => ExperimentLoader.Load(p, settings.Profile, settings.Configuration)[0].Dataset), cancel);
        foreach (var path in claims)
        {
            var (manifest, file) = ShardRun.Run(settings, path, shard, Log, (label, e) => cancel.ThrowIfCancellationRequested());
            var (trained, found) = (Keys(manifest, ShardJob.TrainedNow), Keys(manifest, ShardJob.Found));
            var others = manifest.Jobs.Count - trained.Count - found.Count;
            AnsiConsole.MarkupLineInterpolated($"{manifest.Claim} shard {shard}: trained {trained.Count}{List(trained)}, found {found.Count} in the store{List(found)}; {others} of its {manifest.Jobs.Count} jobs belong to other shards → {file}");
        }
        AnsiConsole.MarkupLine("no results written: when every shard has finished, `miarepro merge <claim>` with the same --cache, --profile and --Override keys writes them.");
        return 0;
    }

    public static int Merge(MiaReproSettings settings, string target, CancellationToken cancel)
    {
        var claims = Commands.Select(settings, target);
        if (claims.Count != 1)
            throw new ExperimentException($"merge takes one claim; '{target}' matches {claims.Count}: give paper/claim.");
        var result = ShardMerge.Run(settings, claims[0], Log, (label, e) => cancel.ThrowIfCancellationRequested());
        Commands.Print(result);
        Commands.Report(settings);
        return result.Outcome.Passed ? 0 : 3;
    }

    static void Log(string message) => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]");

    static List<string> Keys(ShardManifest manifest, string status) =>
        manifest.Jobs.Where(j => j.Shard == manifest.Shard && j.Status == status).Select(j => j.Key).ToList();

    static string List(List<string> keys) => keys.Count == 0 ? "" : $" ({string.Join(", ", keys)})";
}
