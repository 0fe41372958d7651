namespace Receipts.Sources.Tests.Fakes;

/// <summary>Reads the fixtures under TestData/, written by us in the APIs' documented shapes.</summary>
internal static class TestData
{
    public static string Read(string relative) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", relative));
}
