using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.Planning;
using Spectre.Console;
using MiaRepro.IO;

namespace MiaRepro.Cli;

/// <summary>
/// `miarepro plan &lt;claim|paper|all&gt;`: what a full reproduction at the profile costs before anything trains — per
/// claim its models, how many the model store (--cache) already holds, model-steps, and CPU- and GPU-hours priced by the
/// committed benchmarks (results/bench/), then a total over distinct models (claims share targets). --json FILE also
/// writes every claim's summary, price sources and models there.
/// </summary>
internal static class PlanCommand
{
    public static int Run(MiaReproSettings settings, string target)
    {
        var planner = new Planner(settings);
        var plans = Commands.Select(settings, target).Select(planner.Plan).ToList();
        var total = PlanSummary.Of(plans.SelectMany(p => p.Models));

        // Kind and reasons stay out of the table: it must fit an 80-column log.
        var table = new Table().AddColumns("claim", "models", "stored", "model-steps (to train)", "CPU-hours (to train)", "GPU-hours (to train)");
        foreach (var p in plans)
        {
            var s = p.Summary;
            if (p.NotPlanned is not null) table.AddRow(Markup.Escape(p.Claim), "[yellow]not planned[/]", "", "", "", "");
            else table.AddRow(Markup.Escape(p.Claim), $"{s.Models:N0}", $"{s.Stored:N0}", $"{s.Steps:N0} ({s.StepsToTrain:N0})",
                Hours(s.CpuHours, s.CpuHoursToTrain, s.CpuUnpriced), Hours(s.GpuHours, s.GpuHoursToTrain, s.GpuUnpriced));
        }
        AnsiConsole.Write(table);
        foreach (var p in plans.Where(p => p.NotPlanned is not null))
            AnsiConsole.MarkupLineInterpolated($"[yellow]{p.Claim} not planned:[/] {p.NotPlanned}");

        var sources = new Table().AddColumns("model", "CPU price (ms/step, benchmark row)", "GPU price (ms/step, benchmark row)");
        foreach (var m in plans.SelectMany(p => p.Models).DistinctBy(m => m.What).OrderBy(m => m.What, StringComparer.Ordinal))
            sources.AddRow(Markup.Escape(m.What), Price(m.Cpu), Price(m.Gpu));
        AnsiConsole.Write(sources);

        var notPlanned = plans.Count(p => p.NotPlanned is not null);
        AnsiConsole.MarkupLine($"[bold]total ({Markup.Escape(settings.Profile)}, {plans.Count - notPlanned} of {plans.Count} claims planned):[/] " + Markup.Escape(
            $"{total.Models:N0} models, {total.Stored:N0} stored, {total.Steps:N0} model-steps ({total.StepsToTrain:N0} to train); " +
            $"CPU-hours {Hours(total.CpuHours, total.CpuHoursToTrain, total.CpuUnpriced)}; GPU-hours {Hours(total.GpuHours, total.GpuHoursToTrain, total.GpuUnpriced)}"));
        if (notPlanned > 0)
            AnsiConsole.MarkupLineInterpolated($"[yellow]{notPlanned} claim(s) not planned (above: why, and what to do); the total leaves them out.[/]");

        if (settings.Configuration["json"] is { Length: > 0 } json)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(new
            {
                settings.Profile, store = settings.Cache, total,
                claims = plans.Select(p => new { p.Claim, p.Kind, p.NotPlanned, summary = p.Summary, sources = p.Sources.Select(s => new { model = s.What, cpu = s.Cpu, gpu = s.Gpu }), p.Models }),
            }, JsonFormat.Indented));
            AnsiConsole.MarkupLineInterpolated($"plan written to {json}");
        }
        return 0;
    }

    /// <summary>"12.34 (4.50)", with the models no benchmark prices counted beside it: "+ 3 unknown".</summary>
    static string Hours(double all, double toTrain, int unpriced) =>
        $"{all:F2} ({toTrain:F2}){(unpriced > 0 ? $" + {unpriced} unknown" : "")}";

    static string Price(StepPrice? p) => p is null ? "[yellow]unknown[/]" : Markup.Escape($"{p.MsPerStep:F2} ({p.Source})");
}
