namespace Chokepoint.Tests.Support;

/// <summary>A SQLite database with the real UN and OFAC SDN lists imported by the chokepoint program itself.</summary>
public static class ListDatabase
{
    public static async Task<string> CreateAsync(Scratch scratch, string name = "lists.db")
    {
        var db = scratch.Path(name);
        foreach (var file in new[] { TestData.Un, TestData.Sdn2024 })
            Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(file), "--db", db)).Code);
        return db;
    }
}
