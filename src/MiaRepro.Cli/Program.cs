using System.Runtime.InteropServices;
using MiaRepro.Cli;
using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.Training;
using Spectre.Console;

// miarepro <command> [args] [--profile smoke|paper|paper-cpu] [--data DIR] [--device cpu|cuda|auto] …
// Options are configuration keys (Microsoft.Extensions.Configuration command line), the same as MIAREPRO_* variables.
var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var options = args[positional.Length..];
var terminated = false;
try
{
    MiaRepro.Runtime.TorchRuntime.EnsureInitialized();
    var settings = MiaReproSettings.Load(options);
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); AnsiConsole.MarkupLine("[yellow]Stopping after the current step; finished results are kept, nothing is half-written.[/]"); };
    // SIGTERM is what Slurm (and most schedulers) send before killing or requeueing a job: handled as Ctrl-C is, so the
    // models finished so far stay in the store and a rerun trains only what is missing.
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
    {
        c.Cancel = true;
        terminated = true;
        cancel.Cancel();
        AnsiConsole.MarkupLine("[yellow]SIGTERM: stopping after the current epoch; finished models stay in the store, and a rerun trains only what is missing.[/]");
    });
    return positional switch
    {
        ["list"] => Commands.List(settings),
        ["run", var target] => await Commands.Run(settings, target, cancel.Token),
        ["merge", var claim] => ShardCommands.Merge(settings, claim, cancel.Token),
        ["report"] => Commands.Report(settings),
        ["recheck"] => Commands.Recheck(settings),
        ["plan", var target] => PlanCommand.Run(settings, target),
        ["outputs", var claim] => OutputsCommand.Export(settings, claim, settings.Configuration["to"]),
        ["score"] => ScoreCommand.Run(settings),
        ["doctor"] => Commands.Doctor(settings),
        ["data", "verify"] => DataCommands.Verify(settings),
        ["data", "download", var name] => await DataCommands.Download(settings, name, cancel.Token),
        ["bench", "train"] => Bench.Train(settings),
        ["bench", "svm"] => BenchSvm.Run(settings),
        ["bench", "shadows"] => BenchShadows.Run(settings),
        ["bench", "ensemble"] => BenchEnsemble.Run(settings),
        ["bench", "dp"] => BenchDp.Run(settings),
        _ => Commands.Usage(),
    };
}
catch (Exception e) when (e is ExperimentException or DatasetException or TrainingDivergedException or ArgumentException or InvalidOperationException)
{
    AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    AnsiConsole.MarkupLine("[yellow]Interrupted. Results written before the interruption are intact.[/]");
    return terminated ? 143 : 130;   // 128 + the signal, as a shell reports it: a scheduler sees the job did not finish
}
