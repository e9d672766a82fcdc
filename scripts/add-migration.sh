#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migration projects.
# Usage: scripts/add-migration.sh AddSomething
#
# The migration projects do not reference the web project (it references them; see
# docs/adr/0001-migration-assemblies.md), so the [DbContext] attribute and the using of the
# context's namespace that EF generates are removed from the new files.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null
dotnet build src/Quartiersnetz.Web -v quiet -nologo >/dev/null
for provider in Sqlite Postgres; do
    project="src/Quartiersnetz.Migrations.$provider"
    # Design time needs only a syntactically valid connection string; nothing is connected to.
    Database__Provider=$provider \
    ConnectionStrings__Sqlite="Data Source=design-time.db" \
    ConnectionStrings__Postgres="Host=127.0.0.1;Database=design_time" \
        dotnet ef migrations add "$name" --no-build \
            --project "$project" --startup-project src/Quartiersnetz.Web \
            --output-dir Migrations --namespace "Quartiersnetz.Migrations.$provider.Migrations"
    # Without an existing snapshot EF places it in a folder named after its namespace; keep it beside the migrations.
    find "$project" -name '*ModelSnapshot.cs' -not -path "$project/Migrations/*" -not -path '*/obj/*' \
        -exec mv {} "$project/Migrations/" \;
    find "$project" -mindepth 1 -type d -empty -not -path '*/obj*' -not -path '*/bin*' -delete
    for file in "$project"/Migrations/*.cs; do
        sed -i -e '/^\s*\[DbContext(typeof(QuartiersnetzDbContext))\]\s*$/d' \
               -e '/^using Quartiersnetz.Data;\s*$/d' "$file"
    done
done
echo "Added migration $name for Sqlite and Postgres."
