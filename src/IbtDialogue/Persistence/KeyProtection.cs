using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace IbtDialogue.Persistence;

/// <summary>
/// A certificate that encrypts the Data Protection keys in the database (<c>DataProtection:Certificate</c>): from a
/// PFX file with its password, or by thumbprint from the machine's or user's certificate store.
/// </summary>
public sealed class CertificateOptions
{
    public string Path { get; set; } = "";

    public string Password { get; set; } = "";

    public string Thumbprint { get; set; } = "";

    public bool IsSet => Path.Length > 0 || Thumbprint.Length > 0;
}

/// <summary>The Data Protection keys' protection at rest (<c>DataProtection</c>).</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Encrypts new keys; empty: keys are stored unencrypted (the start-up log says so).</summary>
    public CertificateOptions Certificate { get; set; } = new();

    /// <summary>Certificates used before: they still decrypt the keys they encrypted, after a certificate was replaced.</summary>
    public List<CertificateOptions> PreviousCertificates { get; set; } = [];
}

public static class KeyProtection
{
    /// <summary>Encrypts new keys with the configured certificate and decrypts with it and the previous ones.</summary>
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        if (!options.Certificate.IsSet)
        {
            return builder;
        }

        var current = Load(options.Certificate, contentRoot);
        builder.ProtectKeysWithCertificate(current);
        builder.UnprotectKeysWithAnyCertificate([current, .. options.PreviousCertificates.Where(c => c.IsSet).Select(c => Load(c, contentRoot))]);
        return builder;
    }

    private static X509Certificate2 Load(CertificateOptions certificate, string contentRoot)
    {
        X509Certificate2 loaded;
        if (certificate.Path.Length > 0)
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, certificate.Path));
            loaded = X509CertificateLoader.LoadPkcs12FromFile(path, certificate.Password.Length > 0 ? certificate.Password : null);
        }
        else
        {
            loaded = FromStore(certificate.Thumbprint)
                ?? throw new InvalidOperationException($"DataProtection: no certificate with thumbprint {certificate.Thumbprint} in the CurrentUser or LocalMachine store 'My'.");
        }

        return loaded.HasPrivateKey
            ? loaded
            : throw new InvalidOperationException($"DataProtection: the certificate {loaded.Thumbprint} has no private key, so it cannot decrypt the keys.");
    }

    private static X509Certificate2? FromStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                continue; // This store does not exist on this machine.
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        return null;
    }
}
