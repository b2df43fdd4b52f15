using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Tests.Support;

/// <summary>A fresh store of either kind with an importer on it, and the scratch folder it lives in.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private TestStore(Scratch scratch, ISnapshotStore store, string connection)
    {
        Scratch = scratch;
        Store = store;
        Connection = connection;
        Importer = new SnapshotImporter(store, TimeProvider.System);
    }

    public Scratch Scratch { get; }
    public ISnapshotStore Store { get; }
    public SnapshotImporter Importer { get; }

    /// <summary>The database the store is on, for the record database beside it.</summary>
    public string Connection { get; }

    public static async Task<TestStore> CreateAsync(string backend)
    {
        var scratch = new Scratch();
        var (store, connection) = await Stores.CreateAsync(backend, scratch);
        return new TestStore(scratch, store, connection);
    }

    /// <summary>Imports one real file from ../shared/data with default options.</summary>
    public Task<ImportResult> ImportAsync(string relative, ImportOptions? options = null) =>
        Importer.ImportAsync(TestData.File(relative), options ?? new ImportOptions(), null, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Scratch.Dispose();
    }
}
