using System.Text;
using Receipts.Sources.Hooks;

namespace Receipts.Sources.Tests.Hooks;

public sealed class PlainHttpPostTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK", 200)]
    [InlineData("HTTP/1.0 503 Service Unavailable", 503)]
    [InlineData("HTTP/1.1 401 ", 401)]
    public void ParseStatus_StatusLine_ReturnsTheCode(string line, int status) =>
        PlainHttpPost.ParseStatus(Encoding.ASCII.GetBytes(line)).ShouldBe(status);

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.6")]
    [InlineData("HTTP/2 200")]
    [InlineData("HTTP/1.1 2x0 OK")]
    [InlineData("")]
    public void ParseStatus_NotHttp1_ThrowsIOException(string line) =>
        Should.Throw<IOException>(() => PlainHttpPost.ParseStatus(Encoding.ASCII.GetBytes(line)));
}
