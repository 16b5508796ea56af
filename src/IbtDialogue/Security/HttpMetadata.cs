using Microsoft.AspNetCore.Http.Metadata;

namespace IbtDialogue.Security;

/// <summary>Responses of this page or endpoint are never stored by a browser or proxy (they carry a secret or a name).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoStoreAttribute : Attribute;

/// <summary>The largest request body this page or endpoint takes, instead of <see cref="RequestLimitOptions.MaxBodyBytes"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequestBodyLimitAttribute(long bytes) : Attribute, IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}
