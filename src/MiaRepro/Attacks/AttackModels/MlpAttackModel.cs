using MiaRepro.Models;
using static TorchSharp.torch;

namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// An MLP attack model (<see cref="MlpAttackSpec"/>) trained with Adam on cross-entropy. Score = member logit −
/// non-member logit (the log-odds of membership), so its decision is score &gt; 0. Seeded: initialisation and sampling.
/// </summary>
public sealed class MlpAttackModel(MlpAttackSpec spec) : IAttackModel
{
    public int MinimumPerLabel => 1;

    public IFittedAttackModel Fit(double[][] features, int[] labels, int seed)
    {
        spec.Validate();
        AttackData.Validate(features, labels, MinimumPerLabel);
        var inputs = features[0].Length;
        var hidden = spec.Hidden.Length > 0 ? spec.Hidden : [2 * inputs];
        manual_seed(seed);
        var network = new MlpAttackNetwork(inputs, hidden, ActivationExtensions.Parse(spec.Activation, MlpAttackSpec.ActivationKey), spec.BatchNorm);
        using var x = AttackData.ToTensor(features);
        using var y = tensor(labels.Select(l => (long)l).ToArray(), int64);
        var n = labels.Length;
        using var weights = SamplingWeights(labels);
        var generator = new Generator((ulong)seed);
        using var optimizer = optim.Adam(network.parameters(), spec.LearningRate);
        network.train();
        for (var epoch = 0; epoch < spec.Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var order = spec.Balanced ? multinomial(weights, n, replacement: true, generator: generator) : randperm(n, generator: generator);
            for (long start = 0; start < n; start += spec.BatchSize)
            {
                var size = Math.Min(spec.BatchSize, n - start);
                if (size < 2 && spec.BatchNorm) break;   // batch-norm cannot train on one row (PyTorch raises); the authors' loader would too
                using var scope = NewDisposeScope();
                var index = order.narrow(0, start, size);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(network.call(x.index_select(0, index)), y.index_select(0, index));
                loss.backward();
                optimizer.step();
            }
        }
        network.eval();
        return new Fitted(network);
    }

    static Tensor SamplingWeights(int[] labels)
    {
        var members = labels.Count(l => l == 1);
        var nonMembers = labels.Length - members;
        return tensor(labels.Select(l => l == 1 ? 1.0 / members : 1.0 / nonMembers).ToArray(), float64);
    }


    sealed class Fitted(MlpAttackNetwork network) : IFittedAttackModel
    {
        public double[] Score(double[][] features)
        {
            if (features.Length == 0) return [];
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var logits = network.call(AttackData.ToTensor(features));
            return (logits[.., 1] - logits[.., 0]).to(float64).data<double>().ToArray();
        }
    }
}
