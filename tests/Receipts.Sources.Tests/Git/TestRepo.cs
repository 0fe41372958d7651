using System.Diagnostics;
using System.Globalization;

namespace Receipts.Sources.Tests.Git;

/// <summary>
/// A real repository in a temp folder, built with the git binary. Every commit gets a fixed
/// author and committer date, so merged instants are deterministic.
/// </summary>
internal sealed class TestRepo : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    private DateTimeOffset _at = T0;

    public TestRepo()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "receipts-git-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Path);
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Dev");
        Git("config", "user.email", "dev@acme.test");
        Git("config", "commit.gpgsign", "false");
    }

    public string Path { get; }

    /// <summary>Sets the date of the next commits.</summary>
    public TestRepo At(DateTimeOffset at)
    {
        _at = at;
        return this;
    }

    public string Write(string file, string content)
    {
        var full = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        Git("add", "--", file);
        return file;
    }

    /// <summary>Writes the files and commits them with <paramref name="message"/>; returns the sha.</summary>
    public string Commit(string message, params string[] files)
    {
        foreach (var file in files)
        {
            Write(file, $"{file} at {_at:O} {Guid.NewGuid():n}\n");
        }

        Git("commit", "-q", "--allow-empty", "-m", message);
        return Head();
    }

    public void Branch(string name) => Git("checkout", "-q", "-b", name);

    public void Checkout(string name) => Git("checkout", "-q", name);

    /// <summary><c>git merge --no-ff</c> with the given message; returns the merge sha.</summary>
    public string Merge(string branch, string message, string? body = null)
    {
        var args = new List<string> { "merge", "-q", "--no-ff", branch, "-m", message };
        if (body is not null)
        {
            args.AddRange(["-m", body]);
        }

        Git([.. args]);
        return Head();
    }

    /// <summary><c>git revert --no-edit</c> (with <c>-m 1</c> for a merge); returns the revert's sha.</summary>
    public string Revert(string sha, bool merge = false)
    {
        Git(merge ? ["revert", "--no-edit", "-m", "1", sha] : ["revert", "--no-edit", sha]);
        return Head();
    }

    public string Head() => Git("rev-parse", "HEAD");

    public string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var date = _at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        info.Environment["GIT_AUTHOR_DATE"] = date;
        info.Environment["GIT_COMMITTER_DATE"] = date;
        info.Environment["LC_ALL"] = "C";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["HOME"] = Path;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        }

        return output.Trim();
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
