using MiaRepro.Attacks.AttackModels;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// TorchSharp hands native code a Scalar's raw handle and frees it in a finalizer, so an implicit temporary Scalar (an
/// operator's alpha = 1, a double argument) can be freed while the op still reads it. The SVM's kernel blocks run on many
/// threads under GC pressure, where that crashed a paper-cpu run's grid search. A probe, not a CI test: it cannot fail
/// reliably — with the implicit alpha it failed (c10's "Expected false to be true" from Scalar::toDouble) on 1 of 1 runs
/// of 400 blocks and 0 of 2 runs of 200; with the fix, 0 of 3.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class ScalarLifetimeTests
{
    [Test, Explicit("probabilistic race probe, ~1 min")]
    public void KernelBlock_LargeBlocksOnManyThreadsUnderConstantGc_SameAsQuiet()
    {
        using var a = rand(1024, 8, dtype: float64, generator: new Generator(1));
        using var b = rand(6000, 8, dtype: float64, generator: new Generator(2));
        using var norms = RbfKernel.SquaredNorms(b);
        using var expected = RbfKernel.Block(a, b, norms, 0.1);
        var stop = false;
        // Collections and finalizers running all the time widen the window between a handle's read and its use.
        var gc = new Thread(() => { while (!Volatile.Read(ref stop)) { GC.Collect(); GC.WaitForPendingFinalizers(); } });
        gc.Start();
        try
        {
            Parallel.For(0, 400, _ =>
            {
                using var scope = NewDisposeScope();
                if (!RbfKernel.Block(a, b, norms, 0.1).equal(expected).all().item<bool>()) throw new InvalidOperationException("kernel block differs");
            });
        }
        finally { stop = true; gc.Join(); }
    }
}
