using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>
/// Invites everyone in a CSV file, or no one: every line is checked first (format, role, municipality,
/// duplicates in the file, existing accounts and open invitations); only a file without a single error is
/// imported, with all invitations and mails in one SaveChanges.
/// </summary>
internal sealed class ImportInvitations(QuartiersnetzDbContext db, InvitePerson invitePerson, IStringLocalizer<Texts> l)
{
    /// <summary>A German message, with the line it belongs to (0: the whole file).</summary>
    internal sealed record LineError(int Line, string Message);

    internal sealed record Outcome(int Imported, IReadOnlyList<LineError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public async Task<Outcome> HandleAsync(byte[] content, Inviter inviter, CancellationToken cancellationToken)
    {
        var parsed = InvitationCsv.Parse(content);
        var errors = parsed.Problems
            .Select(p => new LineError(p.Line, l[p.Message, [p.Line, .. p.Args]]))
            .ToList();
        if (parsed.Problems.Any(p => p.Line == 0))
        {
            return new Outcome(0, errors);
        }

        var inputs = new List<InvitePerson.Input>();
        var reported = new List<HashSet<string>>();
        foreach (var row in parsed.Rows)
        {
            var fields = row.Fields;
            var rowFields = new HashSet<string>(StringComparer.Ordinal);
            void Report(string field, string message)
            {
                rowFields.Add(field);
                errors.Add(new LineError(row.Line, l["Zeile {0}: {1}", row.Line, message]));
            }

            var roleText = fields[2];
            var role = Roles.All.FirstOrDefault(r =>
                string.Equals(l[Roles.Label(r)].Value, roleText, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Roles.Label(r), roleText, StringComparison.OrdinalIgnoreCase)
                || string.Equals(r, roleText, StringComparison.OrdinalIgnoreCase));
            var input = new InvitePerson.Input
            {
                Email = fields[0],
                Name = fields[1],
                Role = role ?? roleText,
                Municipality = Blank(fields[3]),
                Organisation = Blank(fields[4]),
                FunctionTitle = Blank(fields[5]),
            };

            if (string.IsNullOrWhiteSpace(input.Email))
            {
                Report(nameof(input.Email), l["Das Pflichtfeld „{0}“ ist leer.", "E-Mail"]);
            }

            if (string.IsNullOrWhiteSpace(input.Name))
            {
                Report(nameof(input.Name), l["Das Pflichtfeld „{0}“ ist leer.", "Name"]);
            }

            if (string.IsNullOrWhiteSpace(roleText))
            {
                Report(nameof(input.Role), l["Das Pflichtfeld „{0}“ ist leer.", "Rolle"]);
            }

            if (role is null && !rowFields.Contains(nameof(input.Role)))
            {
                Report(nameof(input.Role), l["Die Rolle „{0}“ ist unbekannt. Möglich sind: {1}.", roleText,
                    string.Join(", ", inviter.InvitableRoles.Select(r => l[Roles.Label(r)].Value))]);
            }

            // Length limits: the same DataAnnotations as the form.
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
            foreach (var result in results)
            {
                var field = result.MemberNames.FirstOrDefault() ?? "";
                if (!rowFields.Contains(field))
                {
                    Report(field, l[result.ErrorMessage ?? "Ungültiger Wert."]);
                }
            }

            inputs.Add(input);
            reported.Add(rowFields);
        }

        var checks = await invitePerson.CheckAsync(inputs, inviter, cancellationToken);
        for (var i = 0; i < checks.Count; i++)
        {
            var line = parsed.Rows[i].Line;
            foreach (var error in checks[i].Errors.Where(e => !reported[i].Contains(e.Field)))
            {
                errors.Add(new LineError(line, l["Zeile {0}: {1}", line, error.Message]));
            }
        }

        if (errors.Count > 0)
        {
            return new Outcome(0, errors.OrderBy(e => e.Line).ToList());
        }

        foreach (var check in checks)
        {
            invitePerson.Stage(check, inviter);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(checks.Count, []);
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
