namespace MiaRepro.Data;

/// <summary>
/// The datasets the papers use, with the official files' sizes and sha256 (see shared/data/PROVENANCE.md: byte-identical to
/// the official distributions). CIFAR-100's checksums are not pinned (no verified copy here): its sizes are checked, and
/// <c>data verify</c> says so; Purchase-100's and Texas-100's are neither (no verified copy, and no official size either).
/// </summary>
public static class DatasetCatalog
{
    static DatasetFile Cifar10Batch(string name, string sha) => new($"{name}", 30_730_000, sha);

    public static readonly DatasetInfo Cifar10 = new("cifar10", "cifar-10-batches-bin",
    [
        Cifar10Batch("data_batch_1.bin", "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5"),
        Cifar10Batch("data_batch_2.bin", "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed"),
        Cifar10Batch("data_batch_3.bin", "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67"),
        Cifar10Batch("data_batch_4.bin", "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48"),
        Cifar10Batch("data_batch_5.bin", "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add"),
        Cifar10Batch("test_batch.bin", "8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b"),
    ], new("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", ArchivePrefix: "cifar-10-batches-bin/"), []);

    public static readonly DatasetInfo Cifar100 = new("cifar100", "cifar-100-binary",
    [
        new("train.bin", 50_000 * 3074L, null),
        new("test.bin", 10_000 * 3074L, null),
    ], new("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz", ArchivePrefix: "cifar-100-binary/"), []);

    public static readonly DatasetInfo Mnist = new("mnist", "mnist",
    [
        new("train-images-idx3-ubyte", 47_040_016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("train-labels-idx1-ubyte", 60_008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("t10k-images-idx3-ubyte", 7_840_016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("t10k-labels-idx1-ubyte", 10_008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ], new("https://ossci-datasets.s3.amazonaws.com/mnist", PerFileGzip: true), []);

    // sha256 of the decompressed files of Debian's dataset-fashion-mnist, whose md5s match the published Fashion-MNIST values.
    public static readonly DatasetInfo FashionMnist = new("fashion-mnist", "fashion-mnist",
    [
        new("train-images-idx3-ubyte", 47_040_016, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        new("train-labels-idx1-ubyte", 60_008, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        new("t10k-images-idx3-ubyte", 7_840_016, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        new("t10k-labels-idx1-ubyte", 10_008, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
    ], new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com", PerFileGzip: true), ["/usr/share/datasets/fashion-mnist"]);

    public static readonly DatasetInfo Adult = new("adult", "adult",
    [
        new("adult.data", 3_974_305, "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d"),
        new("adult.test", 2_003_153, "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05"),
    ], new("https://archive.ics.uci.edu/ml/machine-learning-databases/adult", PerFilePlain: true), []);

    // Shokri et al.'s Purchase-100 and Texas-100, as their authors distribute them (mirrored at
    // github.com/privacytrustlab/datasets). Neither size nor sha256 is pinned: no verified copy has been seen here, so
    // none is written down; `data verify` says so, and the dataset's checksum is still computed from the bytes read.
    public static readonly DatasetInfo Purchase100 = new("purchase100", "purchase100",
    [
        new("dataset_purchase", null, null),
    ], new("https://www.comp.nus.edu.sg/~reza/files/dataset_purchase.tgz"), []);

    public static readonly DatasetInfo Texas100 = new("texas100", "texas100",
    [
        new("feats", null, null),
        new("labels", null, null),
    ], new("https://www.comp.nus.edu.sg/~reza/files/dataset_texas.tgz", ArchivePrefix: "texas/100/"), []);

    public static IReadOnlyList<DatasetInfo> All { get; } = [Cifar10, Cifar100, Mnist, FashionMnist, Adult, Purchase100, Texas100];

    public static DatasetInfo Get(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"Unknown dataset '{name}'. Known: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
}
