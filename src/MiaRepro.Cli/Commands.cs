using MiaRepro.Report;
using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.Runtime;
using Spectre.Console;
using TorchSharp;

namespace MiaRepro.Cli;

internal static class Commands
{
    public static int Usage()
    {
        AnsiConsole.WriteLine("""
            usage: miarepro <command> [--profile smoke|paper|paper-cpu] [--data DIR] [--device auto|cpu|cuda] [--cache DIR] [--results DIR] [--offline]
              list                         claims in experiments/
              run <claim|paper|all>        train, measure, check and write results/<profile>/<paper>/<claim>/; fetches a missing
                                           dataset first (sha256 checked) unless --offline or MIAREPRO_OFFLINE=1
              run <claim> --shard i/n      train only shard i of n of the claim's models (a stable partition by job key) into the
                                           shared --cache and write the shard's manifest there; no results. Run i = 1 … n (as
                                           processes, jobs or machines on a shared file system), then merge
              merge <paper/claim>          check that every shard finished with the same settings (--profile, --Override) and
                                           code version, each job stored exactly once, then run the claim from --cache without
                                           training and write its results; any problem: nothing written
              report                       regenerate results/README.md from results/
              outputs <paper/claim> --to DIR  a claim's sweep targets' stored outputs (logits, labels, keep.npy, targets.json) as one set
              score --outputs DIR [--to OUT] [--references K]
                                           every many-model attack (LiRA, RMIA, global thresholds) leave-one-model-out on
                                           DIR/keep.npy [M, N], logits.npy [M, N, A, C], labels.npy [N], or the LiRA reference
                                           code's folders (DIR/y_train.npy, DIR/experiment-*/keep.npy and logits/<epoch>.npy,
                                           or scores/<epoch>.npy only: LiRA and the φ threshold);
                                           OUT/measurements.csv.
                                           Each target's references per example: K (online K/2 IN + K/2 OUT, K even, ≥ 4;
                                           offline K OUT), else the same number IN and OUT that every target can supply
                                           (M/2 − 1 a side with balanced keep masks); a K the set cannot give is refused
              recheck                      every committed result's check evaluated again on its stored measurements; lists verdicts that changed
              plan <claim|paper|all> [--json FILE]
                                           what a full run at the profile costs, before anything trains: per claim its models,
                                           how many the store (--cache) holds, model-steps, CPU- and GPU-hours from results/bench/
              data download <name>         fetch the official files (cifar10, cifar100, mnist, fashion-mnist, adult, purchase100, texas100) and check sha256 where pinned
              data verify                  check every dataset under the data root
              doctor                       libtorch, CUDA, device, threads, data root and datasets
              bench train                  LeNet-5 ms per step here, side by side with PyTorch (python3-torch) on the same machine
              bench svm                    RBF SVM attack-model fit and 5-fold grid search times, side by side with scikit-learn (python3-sklearn)
              bench ensemble [--ks 1,2,8]  ms per model-step of K LeNet-5s by each training strategy, beside PyTorch's loop, processes and grouped module
              bench dp                     DP-SGD step against a plain step, per-example gradients against a loop of backwards (LeNet-5, the audits' MLP)
              bench shadows                wall time per shadow model of each shadow-attack experiment (paper settings, one epoch timed)
            Experiment keys can be overridden: --Override:training:epochs=3 (or MIAREPRO_Override__training__epochs=3).
            --variants a,b runs only those variants of a claim (a probe, or a part by variant; pair it with --results DIR so the full run's folder is kept; --shard i/n splits a claim by model instead).
            """);
        return 1;
    }

    public static int List(MiaReproSettings settings)
    {
        var table = new Table().AddColumns("claim", "test", "title");
        foreach (var path in ExperimentLoader.Discover(settings.Experiments))
        {
            var spec = ExperimentLoader.Load(path, settings.Profile, settings.Configuration)[0];
            table.AddRow(Markup.Escape($"{spec.Paper}/{spec.Claim}"), Markup.Escape(spec.TestName), Markup.Escape(spec.Title));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>Claims matching <paramref name="target"/>: "all", a paper id, "paper/claim" or a claim id.</summary>
    public static IReadOnlyList<string> Select(MiaReproSettings settings, string target)
    {
        var all = ExperimentLoader.Discover(settings.Experiments);
        var chosen = all.Where(p =>
        {
            var paper = Path.GetFileName(Path.GetDirectoryName(p)!);
            var claim = Path.GetFileNameWithoutExtension(p);
            return target == "all" || target == paper || target == $"{paper}/{claim}" || target == claim;
        }).ToList();
        return chosen.Count > 0 ? chosen
            : throw new ExperimentException($"No claim matches '{target}'. `miarepro list` shows them; use a paper id, paper/claim, or all.");
    }

    public static async Task<int> Run(MiaReproSettings settings, string target, CancellationToken cancel)
    {
        if (settings.Configuration["shard"] is { } shard) return await ShardCommands.Run(settings, target, shard, cancel);
        int failed = 0, notRun = 0;
        var claims = Select(settings, target).Select(p => (Path: p, Dataset: ExperimentLoader.Load(p, settings.Profile, settings.Configuration)[0].Dataset)).ToList();
        await FetchOnRun.Missing(settings, claims.Select(c => c.Dataset), cancel);
        foreach (var (path, dataset) in claims)
        {
            if (DatasetFiles.Absent(dataset, settings.Data) is { } absent)
            {
                // Not run, never a pass: offline, the claim's dataset is not installed; the reason names the download command.
                AnsiConsole.MarkupLineInterpolated($"{Path.GetFileNameWithoutExtension(path)}: [yellow]not run[/]: {absent}");
                notRun++;
                continue;
            }
            ClaimResult? result = null;
            AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(Path.GetFileNameWithoutExtension(path)), maxValue: 1);
                    var runner = new ClaimRunner(settings)
                    {
                        Log = m => AnsiConsole.MarkupLineInterpolated($"[grey]{m}[/]"),
                        OnEpoch = (label, e) =>
                        {
                            cancel.ThrowIfCancellationRequested();
                            task.Description = Markup.Escape($"{Path.GetFileNameWithoutExtension(path)}: {label} epoch {e.Epoch} train {e.TrainAccuracy:F1}% test {e.TestAccuracy:F1}%");
                        },
                    };
                    result = runner.Run(path);
                    task.Value = 1;
                });
            Print(result!);
            if (!result!.Outcome.Passed) failed++;
        }
        Report(settings);
        if (notRun > 0) AnsiConsole.MarkupLineInterpolated($"[yellow]{notRun} claim(s) not run: dataset absent[/]");
        return failed > 0 ? 3 : notRun > 0 ? 5 : 0;
    }

    /// <summary>A claim's check lines and verdict, as `run` and `merge` print them.</summary>
    public static void Print(ClaimResult r)
    {
        var table = new Table().AddColumns("variant", "check", "paper", "measured", "verdict", "detail");
        foreach (var l in r.Outcome.Lines)
            table.AddRow(Markup.Escape(l.Variant), Markup.Escape(l.What), l.Paper?.ToString("F2") ?? "", l.Measured?.ToString("F2") ?? "",
                l.Passed ? Markup.Escape(l.Verdict) : $"[red]{Markup.Escape(l.Verdict)}[/]", Markup.Escape(l.Detail));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{r.Spec.Paper}/{r.Spec.Claim}: [bold]{r.Outcome.Verdict}[/] → {r.Directory}");
    }

    public static int Report(MiaReproSettings settings)
    {
        var path = ResultsReport.Write(settings.Results, settings.Experiments);
        AnsiConsole.MarkupLineInterpolated($"report: {path}");
        return 0;
    }

    /// <summary>Every committed result's check, evaluated again by today's code and claim files on the measurements the
    /// run stored; prints each result whose verdict or lines differ from what it recorded. Exit 1 if any differ.</summary>
    public static int Recheck(MiaReproSettings settings)
    {
        var changed = 0;
        var all = StoredResult.Discover(settings.Results);
        foreach (var dir in all)
        {
            var r = StoredResult.Recheck(settings.Experiments, dir);
            var now = r.Rechecked.Lines.Select(l => $"{l.Variant} | {l.What} | {l.Verdict}").ToList();
            var then = r.CommittedLines.Select(l => $"{l.Variant} | {l.What} | {l.Verdict}").ToList();
            if (r.Rechecked.Verdict == r.CommittedVerdict && now.SequenceEqual(then)) continue;
            changed++;
            AnsiConsole.MarkupLineInterpolated($"[yellow]{Path.GetRelativePath(settings.Root, dir)}[/]: recorded '{r.CommittedVerdict}', now '{r.Rechecked.Verdict}'");
            foreach (var line in then.Except(now)) AnsiConsole.MarkupLineInterpolated($"  - {line}");
            foreach (var line in now.Except(then)) AnsiConsole.MarkupLineInterpolated($"  + {line}");
        }
        AnsiConsole.MarkupLineInterpolated($"{all.Count} results rechecked, {changed} differ from their recorded check.");
        return changed == 0 ? 0 : 1;
    }

    public static int Doctor(MiaReproSettings settings)
    {
        var cuda = torch.cuda.is_available();
        var table = new Table().AddColumns("", "");
        table.AddRow("libtorch", Markup.Escape($"{TorchRuntime.LibTorchVersion} from {TorchRuntime.LibTorchSource}" +
            (TorchRuntime.LibTorchVersion.StartsWith(TorchRuntime.BundledLibTorchVersion[..4], StringComparison.Ordinal) ? ""
                : $" (TorchSharp 0.107 was built against {TorchRuntime.BundledLibTorchVersion})")));
        table.AddRow("TorchSharp", Markup.Escape(typeof(torch).Assembly.GetName().Version?.ToString() ?? "?"));
        table.AddRow("libstdc++ has GLIBCXX_3.4.32", TorchRuntime.SystemHasRequiredGlibcxx() ? "yes" : "no (shim loaded: " + (TorchRuntime.ShimLoaded ? "yes" : "no") + ")");
        table.AddRow("CPU allocations", CpuAllocatorFill.Zero
            ? "zero-filled (oneDNN reads unwritten memory on AVX-512 CPUs: docs/reference.md#uninitialised-memory-in-onednn)"
            : "not zero-filled: results may not be deterministic");
        table.AddRow("CUDA", cuda ? $"yes ({torch.cuda.device_count()} device(s))" : "no");
        table.AddRow("device", Markup.Escape($"{TorchRuntime.ResolveDevice(settings.Device)} (MiaRepro Device = {settings.Device})"));
        table.AddRow("threads", torch.get_num_threads().ToString());
        table.AddRow("profile", settings.Profile);
        table.AddRow("data root", Markup.Escape(settings.Data));
        table.AddRow("model cache", Markup.Escape(settings.Cache));
        foreach (var info in DatasetCatalog.All)
            table.AddRow(Markup.Escape($"dataset {info.Name}"), Markup.Escape(DataCommands.Status(info, settings.Data)));
        AnsiConsole.Write(table);
        return 0;
    }
}
