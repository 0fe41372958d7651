using System.Net;
using System.Text;

namespace Receipts.Server.Tests;

/// <summary>A JSON body sent in two halves, the second only when <c>release</c> completes: a batch still in flight.</summary>
internal sealed class SlowContent : HttpContent
{
    private readonly byte[] _body;
    private readonly Task _release;

    public SlowContent(string body, Task release)
    {
        _body = Encoding.UTF8.GetBytes(body);
        _release = release;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = _body.Length / 2;
        await stream.WriteAsync(_body.AsMemory(0, half));
        await stream.FlushAsync();
        await _release;
        await stream.WriteAsync(_body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
