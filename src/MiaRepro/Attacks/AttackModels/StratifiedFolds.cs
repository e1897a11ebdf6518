namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// Deterministic stratified k-fold assignment, as scikit-learn's <c>StratifiedKFold(k, shuffle=False)</c> (1.x) makes
/// it: classes are numbered by first appearance; the labels sorted by that number are dealt round-robin to the folds
/// (fold f gets positions f, f + k, …), which fixes how many rows of each class every fold tests on; then each class's
/// rows, in input order, fill fold 0's share, then fold 1's, and so on. Same rows, same folds as sklearn.
/// </summary>
public static class StratifiedFolds
{
    /// <summary>The test fold (0 … folds − 1) of every row.</summary>
    public static int[] Assign(int[] y, int folds)
    {
        var classOrder = new List<int>();                   // labels by first appearance
        foreach (var label in y)
            if (!classOrder.Contains(label)) classOrder.Add(label);
        var encoded = y.Select(label => classOrder.IndexOf(label)).ToArray();
        var sorted = encoded.Order().ToArray();
        var allocation = new int[folds, classOrder.Count];  // rows of class k in fold f's test set
        for (var position = 0; position < sorted.Length; position++)
            allocation[position % folds, sorted[position]]++;

        var fold = new int[y.Length];
        for (var k = 0; k < classOrder.Count; k++)
        {
            var f = 0;
            var filled = 0;
            for (var i = 0; i < y.Length; i++)
            {
                if (encoded[i] != k) continue;
                while (filled == allocation[f, k]) { f++; filled = 0; }
                fold[i] = f;
                filled++;
            }
        }
        return fold;
    }
}
