using Receipts.Sources.Http;

namespace Receipts.Sources.Tests.Http;

public sealed class SecretTests
{
    [Fact]
    public void Read_FromVariable_DescribesItWithoutTheValue()
    {
        var secret = Secret.Read(null, "GITHUB_TOKEN", name => name == "GITHUB_TOKEN" ? " ghp_x \n" : null, "GitHub", "hint");

        secret.Value.ShouldBe("ghp_x");
        secret.Description.ShouldBe("the token in GITHUB_TOKEN");
        secret.ToString().ShouldNotContain("ghp_x");
    }

    [Fact]
    public void Read_FileWinsOverVariable()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from-file\n");

            var secret = Secret.Read(file, "GITHUB_TOKEN", _ => "from-env", "GitHub", "hint");

            secret.Value.ShouldBe("from-file");
            secret.Description.ShouldBe($"the token in {file}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Read_Missing_SaysWhichVariableAndHowToFix()
    {
        var error = Should.Throw<SourceException>(() => Secret.Read(null, "GITLAB_TOKEN", _ => null, "GitLab", "Create a token"));

        error.Message.ShouldBe("No GitLab token: set GITLAB_TOKEN (or pass --token-env VAR or --token-file PATH).");
        error.Hint.ShouldBe("Create a token");
    }

    [Fact]
    public void Read_MissingOrEmptyFile_IsAClearError()
    {
        Should.Throw<SourceException>(() => Secret.Read("/nonexistent/token", "X", _ => null, "Asana", "h")).Message.ShouldContain("/nonexistent/token");
        var file = Path.GetTempFileName();
        try
        {
            Should.Throw<SourceException>(() => Secret.Read(file, "X", _ => null, "Asana", "h")).Message.ShouldContain("is empty");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
