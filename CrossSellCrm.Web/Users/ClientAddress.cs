using System.Net;
using System.Net.Sockets;

namespace CrossSellCrm.Web.Users;

public static class ClientAddress
{
    /// <summary>
    /// The client's address as the sign-in limits count it (behind a proxy, the forwarded one): IPv4 as it is,
    /// IPv6 by its /64 network — a household or office gets a whole /64 and may use any address in it.
    /// </summary>
    public static string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
