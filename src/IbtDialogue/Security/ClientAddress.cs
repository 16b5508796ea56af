using System.Net;
using System.Net.Sockets;

namespace IbtDialogue.Security;

public static class ClientAddress
{
    /// <summary>
    /// The key the limits count per: the client's address as the forwarded-headers middleware left it; an IPv6
    /// address by its /64 network, because one machine commonly has a whole /64 to pick addresses from.
    /// </summary>
    public static string Of(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
