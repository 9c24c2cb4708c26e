namespace Chitin.Providers.Http;

/// <summary>
/// Makes a streaming body honour the caller's cancellation. Some SDKs read the SSE body without passing the token
/// on, so a stalled stream would ignore Ctrl-C until the server sent something. Cancelling the token that the
/// request was sent with now aborts the body at once.
/// </summary>
internal sealed class CancellableBodyHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (cancellationToken.CanBeCanceled)
        {
            response.Content = new CancellableContent(response.Content, cancellationToken);
        }

        return response;
    }

    private sealed class CancellableContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly CancellationToken _token;

        public CancellableContent(HttpContent inner, CancellationToken token)
        {
            _inner = inner;
            _token = token;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync()
        {
            var stream = await _inner.ReadAsStreamAsync(_token).ConfigureAwait(false);
            return new CancellableStream(stream, _token);
        }

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            var stream = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new CancellableStream(stream, _token);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => _inner.CopyToAsync(stream, _token);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            _inner.CopyToAsync(stream, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class CancellableStream : Stream
    {
        private readonly Stream _inner;
        private readonly CancellationTokenRegistration _registration;

        public CancellableStream(Stream inner, CancellationToken token)
        {
            _inner = inner;
            _registration = token.Register(static s => ((Stream)s!).Dispose(), inner);
        }

        public override bool CanRead => _inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _registration.Dispose();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
