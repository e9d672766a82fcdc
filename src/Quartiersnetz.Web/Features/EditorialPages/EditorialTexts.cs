namespace Quartiersnetz.Features.EditorialPages;

/// <summary>
/// The first version of the editorial pages (Markdown), written for this portal. They are data, not UI text: the office
/// changes them on the pages, so they do not go through the localizer.
/// </summary>
internal static class EditorialTexts
{
    public const string AboutUs = """
        Die **AG Soziale Stadt NRW** ist ein Zusammenschluss von Städten und Gemeinden in Nordrhein-Westfalen. Ihre Mitglieder entwickeln benachteiligte Stadtteile mit Mitteln des Bund-Länder-Programms „Sozialer Zusammenhalt“, das bis 2019 „Soziale Stadt“ hieß.

        Wer in einer Kommune ein Programmgebiet betreut, steht oft vor Fragen, die anderswo schon beantwortet wurden: Wie lässt sich ein Verfügungsfonds einfach verwalten? Was hilft gegen Leerstand im Quartier? Wie erreicht man Menschen, die sich sonst nicht beteiligen? Die AG Soziale Stadt NRW bringt diese Menschen zusammen – den „kurzen Draht“ zwischen Programmkoordination, Quartiersmanagement, Wissenschaft und den fördernden Stellen des Landes.

        ## Was wir tun

        - Wir laden jeden Monat zu einem Netzwerktreffen ein.
        - Wir geben gemeinsame Fragen der Mitglieder an Land, Bund und Forschung weiter.
        - Wir bieten Fortbildungen, Exkursionen und Werkstätten an.
        - Wir machen gute Beispiele aus den Stadtteilen öffentlich bekannt.

        Mehr dazu steht unter [Ziele und Aufgaben](/seiten/ueber-uns/ziele-und-aufgaben). Wie das Netzwerk entstanden ist, lesen Sie unter [Geschichte und Auszeichnungen](/seiten/ueber-uns/geschichte).
        """;

    public const string Goals = """
        Die AG Soziale Stadt NRW will das Leben in benachteiligten Stadtteilen dauerhaft verbessern. Dafür setzt sie auf den Austausch unter Fachleuten: Was in einer Kommune funktioniert hat, soll anderen Kommunen schnell zugutekommen.

        ## Unsere Ziele

        - Erfahrungen aus den Programmgebieten teilen und zu gemeinsamem Wissen machen
        - Anliegen der Kommunen gegenüber Land, Bund und Politik gebündelt vertreten
        - der integrierten Stadtteilentwicklung mehr öffentliche Aufmerksamkeit verschaffen
        - die Arbeit vor Ort durch Analysen, Fachstudien und Evaluation fachlich stärken

        ## Unsere Angebote

        **Netzwerktreffen.** Einmal im Monat treffen sich die Mitglieder. Auf dem Programm stehen Fachvorträge, Berichte aus den Kommunen und Neuigkeiten der fördernden Stellen. Welche Themen drankommen, legen die Mitglieder gemeinsam fest. Einmal im Jahr besucht das Netzwerk eine Mitgliedskommune vor Ort.

        **Rückkopplung.** Fragen, die viele Mitglieder betreffen, sammelt die Geschäftsstelle und gibt sie an die zuständigen Stellen weiter. Die Antworten kommen zurück ins Netzwerk.

        **Fortbildungen und Exkursionen.** Seminare, Online-Angebote und Fahrten zu Projekten im In- und Ausland. Viele Fortbildungen erkennt die Architektenkammer NRW für die Fachrichtung Stadtplanung an.

        **Werkstätten und Arbeitsgruppen.** Kleinere Runden vertiefen einzelne Themen und halten ihre Ergebnisse als Fachempfehlungen fest.

        **Veröffentlichungen.** Arbeitshilfen, Dokumentationen und Fachstudien stehen allen Interessierten zur Verfügung.

        **Erstberatung.** Kommunen, die sich um die Aufnahme eines Stadtteils in das Programm bemühen, erhalten eine kostenlose [Erstberatung](/seiten/erstberatung).
        """;

    public const string History = """
        Das Netzwerk arbeitete lange unter dem Namen **Städtenetz Soziale Stadt NRW**. Einige Stationen:

        - **2005** – Die landesweite Veranstaltung „B.E.S.T. – Bürgerengagement im Stadtteil“ zeigt mit Akteurinnen und Akteuren aus über 40 Stadtteilen erstmals gemeinsam, was die Stadtteilarbeit leistet.
        - **2006** – Erste große Fachtagung zur Frage, wie es in den Stadtteilen nach dem Ende der Förderung weitergeht.
        - **2008** – Die Ergebnisse einer gemeinsam beauftragten Evaluation werden auf einer Tagung vorgestellt.
        - **2009** – Tagung zu zehn Jahren Programm in Nordrhein-Westfalen und erster Wettbewerb „Vorbildprojekte der Sozialen Stadt NRW“.
        - **2011** – Internationale Fachmesse „StadtteilLeben“ mit Ständen aus rund 50 Programmgebieten und Gästen aus anderen EU-Ländern.
        - **2017** – Tagung „Lernort Quartier“ zum Thema Schule und Bildung im Stadtteil.
        - **2019** – Festtagung „Heute für morgen“ zum 20-jährigen Bestehen des Programms in NRW, mit einem zweiten Wettbewerb der Vorbildprojekte.
        - **2022** – Tagung zu Digitalisierung und digitaler Kultur in der Stadtteilentwicklung.
        - **2024** – Tagung „Gesund im Quartier“ zur Gesundheitsförderung in benachteiligten Stadtteilen.

        ## Auszeichnungen

        - **Preis Soziale Stadt 2012**: Das Netzwerk wurde für den geregelten Wissensaustausch zwischen Kommunen, Land und Wissenschaft ausgezeichnet.
        - **Halsenbergpreis 2020**: Die Deutsche Akademie für Städtebau und Landesplanung würdigte das Netzwerk zusammen mit weiteren kommunalen Netzwerken.
        """;

    public const string Membership = """
        Mitglied der AG Soziale Stadt NRW werden Städte und Gemeinden in Nordrhein-Westfalen, die mindestens einen Stadtteil im Programm „Sozialer Zusammenhalt“ haben oder aufnehmen lassen wollen.

        ## Was die Mitgliedschaft bringt

        - Teilnahme an den monatlichen Netzwerktreffen und an den Werkstätten
        - Zugang zum Mitgliederbereich dieses Portals: Verzeichnis der Fachleute („Der kurze Draht“), Unterlagen und Termine
        - gebündelte Vertretung gemeinsamer Anliegen gegenüber Land und Bund
        - Fortbildungen, viele davon von der Architektenkammer NRW anerkannt

        ## Wer mitarbeitet

        Die Kommune benennt die Menschen, die für sie im Netzwerk mitarbeiten – meist die Programmkoordination und die Gebietsbeauftragten. Auch das Quartiersmanagement vor Ort kann mitwirken.

        ## So beginnt die Mitgliedschaft

        Schreiben Sie der Geschäftsstelle (siehe [Kontakt](/seiten/ueber-uns/kontakt)). Sie erklärt die Bedingungen und lädt die benannten Personen in dieses Portal ein.
        """;

    public const string Contact = """
        Die Geschäftsstelle der AG Soziale Stadt NRW ist Ihre Ansprechpartnerin für alle Fragen zum Netzwerk, zur Mitgliedschaft und zu diesem Portal.

        - Anschrift, E-Mail-Adresse und Telefonnummer finden Sie im [Impressum](/impressum).
        - Eine Barriere auf dieser Website melden Sie am einfachsten über das Formular [Barriere melden](/barrierefreiheit/barriere-melden).
        - Für eine Erstberatung zur Aufnahme eines Stadtteils in das Programm lesen Sie bitte zuerst die Seite [Erstberatung](/seiten/erstberatung).

        Wir antworten in der Regel innerhalb einer Woche.
        """;

    public const string FirstConsultation = """
        Ihre Kommune möchte einen Stadtteil in das Programm „Sozialer Zusammenhalt“ bringen? Die AG Soziale Stadt NRW vermittelt Ihnen eine **kostenlose Erstberatung** durch erfahrene Fachleute.

        ## Was die Erstberatung leistet

        - Sie klärt, ob der Stadtteil zum Programm passt.
        - Sie zeigt, welche Schritte bis zur Aufnahme nötig sind, zum Beispiel ein integriertes Entwicklungskonzept.
        - Sie nennt Kommunen, die ähnliche Stadtteile schon entwickeln, und stellt den Kontakt her.

        ## So läuft es ab

        1. Sie schreiben der Geschäftsstelle, um welchen Stadtteil es geht und wer in Ihrer Verwaltung zuständig ist.
        2. Die Geschäftsstelle benennt eine Fachberatung und vereinbart mit Ihnen einen ersten Termin.
        3. Nach dem Gespräch erhalten Sie eine kurze Zusammenfassung mit den nächsten Schritten.

        Die Kontaktdaten stehen auf der Seite [Kontakt](/seiten/ueber-uns/kontakt).
        """;

    public const string EasyLanguage = """
        ## Wer sind wir?

        Wir sind die **AG Soziale Stadt NRW**.

        AG ist die Abkürzung für: Arbeits-Gemeinschaft.

        NRW ist die Abkürzung für: Nordrhein-Westfalen.

        In der AG arbeiten viele Städte zusammen.

        Alle Städte sind in Nordrhein-Westfalen.

        ## Was machen wir?

        In manchen Stadt-Teilen haben die Menschen es schwer.

        Zum Beispiel:

        - Es gibt wenig Arbeit.
        - Die Häuser sind alt.
        - Es gibt wenig Plätze zum Treffen.

        Die Städte wollen diese Stadt-Teile besser machen.

        Dafür bekommen die Städte Geld vom Land und vom Bund.

        Das Geld kommt aus einem Programm.

        Das Programm heißt: Sozialer Zusammenhalt.

        ## Wie helfen wir?

        Die Menschen aus den Städten treffen sich jeden Monat.

        Sie erzählen sich:

        - Das hat bei uns gut geklappt.
        - Das war bei uns schwer.

        So lernen alle voneinander.

        ## Was steht auf dieser Internet-Seite?

        Auf dieser Internet-Seite finden Sie:

        - Termine von Treffen.
        - Neuigkeiten.
        - Eine Karte mit den Stadt-Teilen.

        ## Wie erreichen Sie uns?

        Sie haben eine Frage?

        Dann schreiben Sie uns.

        Unsere Adresse steht auf der Seite [Impressum](/impressum).

        Etwas auf dieser Internet-Seite funktioniert nicht für Sie?

        Dann sagen Sie es uns.

        Dafür gibt es ein Formular: [Barriere melden](/barrierefreiheit/barriere-melden).
        """;

    public const string SignLanguage = """
        Auf dieser Seite stellen wir Informationen in **Deutscher Gebärdensprache (DGS)** bereit.

        ## Was folgt

        Wir lassen Videos in Deutscher Gebärdensprache erstellen. Sie erklären:

        - wer die AG Soziale Stadt NRW ist und was sie tut,
        - was Sie auf dieser Website finden,
        - wie Sie uns erreichen und eine Barriere melden.

        Sobald die Videos fertig sind, finden Sie sie hier – mit Untertiteln und einer Textfassung.

        ## So erreichen Sie uns schon jetzt

        - Schreiben Sie uns eine E-Mail. Die Adresse steht im [Impressum](/impressum).
        - Nutzen Sie das Formular [Barriere melden](/barrierefreiheit/barriere-melden). Dort können Sie auch schreiben, dass Sie eine Antwort in Gebärdensprache wünschen.
        - Für ein Gespräch mit der Geschäftsstelle organisieren wir auf Wunsch eine Dolmetscherin oder einen Dolmetscher für Deutsche Gebärdensprache. Bitte nennen Sie uns dafür zwei oder drei Terminvorschläge.
        """;

    public const string AccessibilityStatement = """
        ## Stand der Vereinbarkeit mit den Anforderungen

        Diese Website ist weitgehend mit den Anforderungen vereinbar. Jede Seite wird bei jeder Änderung automatisch mit axe-core auf die WCAG-2.1-Kriterien der Stufen A und AA und mit dem W3C-Validator auf gültiges HTML geprüft; ergänzend prüft das Team Tastaturbedienung und Darstellung bei 320 Pixeln Breite.

        ## Nicht barrierefreie Inhalte

        - Dokumente, die Mitglieder oder Dritte hochladen (etwa PDF-Dateien), sind nicht immer barrierefrei. Auf Anfrage stellen wir die Inhalte in einer zugänglichen Form bereit.
        - Videos in Deutscher Gebärdensprache fehlen noch. Die Seite [Gebärdensprache](/seiten/gebaerdensprache) sagt, was folgt und wie Sie uns bis dahin erreichen. Texte in Leichter Sprache stehen auf der Seite [Leichte Sprache](/seiten/leichte-sprache).

        ## Erstellung dieser Erklärung

        Diese Erklärung beruht auf einer Selbstbewertung. Sie wurde am 24.11.2026 erstellt und wird bei jeder wesentlichen Änderung der Website überprüft.
        """;

    public const string Imprint = """
        ## Haftung für Links

        Diese Website enthält Verweise auf Angebote Dritter. Für deren Inhalte sind allein deren Anbieter verantwortlich. Beim Setzen der Verweise waren keine Rechtsverstöße erkennbar; werden uns solche bekannt, entfernen wir den Verweis.

        ## Beiträge von Mitgliedern

        Mitglieder des Netzwerks stellen eigene Inhalte ein, etwa Praxisprojekte, Unterlagen zu Veranstaltungen oder Angaben in ihrem Profil. Die Geschäftsstelle prüft Praxisprojekte vor der Veröffentlichung; für ihre Beiträge sind die Mitglieder selbst verantwortlich.

        ## Offene Daten

        Die gezeigten Gebietsdaten und Kennzahlen stammen aus amtlichen offenen Daten. Quellen und Lizenzen nennt die Seite [Datenquellen](/datenquellen).
        """;

    public const string Privacy = """
        ## Besuch der Website

        Beim Aufruf einer Seite verarbeitet der Server technisch notwendige Angaben (IP-Adresse, Zeitpunkt, aufgerufene Adresse, Browserkennung), um die Seite auszuliefern und Angriffe abzuwehren (Art. 6 Abs. 1 lit. e DSGVO). Protokolle werden nach spätestens 14 Tagen gelöscht. Es gibt kein Tracking und keine Werbung. Nur die Kartenseiten laden Kartenkacheln von einem Kartendienst (voreingestellt: OpenStreetMap); dieser erhält dabei Ihre IP-Adresse.

        ## Cookies

        Quartiersnetz setzt nur technisch notwendige Cookies: „qn.af“ schützt Formulare vor untergeschobenen Anfragen, „qn.auth“ hält Sie nach der Anmeldung angemeldet; kurzlebige weitere Cookies tragen eine Statusmeldung nach dem Absenden eines Formulars und den zweiten Schritt der Anmeldung. Eine Einwilligung ist dafür nicht erforderlich (§ 25 Abs. 2 TDDDG).

        ## Zugänge und Profile von Mitgliedern

        Für Mitglieder speichern wir Name, E-Mail-Adresse, Rollen, die Zuordnung zu Kommune oder Organisation und ein nur als Prüfwert abgelegtes Passwort, um den Mitgliederbereich zu ermöglichen (Art. 6 Abs. 1 lit. b und e DSGVO). Was Ihr Profil anderen zeigt, legen Sie selbst fest. Unter „Meine Daten“ laden Sie alle gespeicherten Angaben herunter oder löschen Ihren Zugang.

        ## Anmeldungen zu Veranstaltungen

        Für eine Anmeldung speichern wir Ihre Angaben zur Anmeldung, Antworten auf Fragen der Veranstaltung und – wenn Sie sie nennen – Bedarfe an Barrierefreiheit; ohne Zugang auch Name und E-Mail-Adresse. Die Angaben dienen der Durchführung der Veranstaltung (Art. 6 Abs. 1 lit. b und e DSGVO). Antworten, Bedarfe und die Kontaktdaten von Gästen werden nach der bei der Veranstaltung genannten Frist gelöscht; die Zahl der Anmeldungen bleibt.

        ## Anwesenheit, Fortbildungspunkte und Bescheinigungen

        Bei Veranstaltungen mit Fortbildungspunkten erfassen wir, wann Sie an welchem Tag anwesend waren, und stellen Ihnen darüber eine Bescheinigung aus. Diese Angaben bewahren wir auf, solange Sie Bescheinigungen nachweisen können müssen. Wer den Prüfcode einer Bescheinigung kennt, kann deren Angaben prüfen.

        ## Newsletter

        Den Newsletter erhalten Sie nur nach Bestätigung Ihrer E-Mail-Adresse (Art. 6 Abs. 1 lit. a DSGVO); wir speichern dazu, wann Sie welchem Einwilligungstext zugestimmt haben. Jede Ausgabe enthält einen Link zum Abbestellen mit einem Klick. Unbestätigte Anfragen löschen wir 30 Tage nach Ablauf des Bestätigungslinks, beendete Abonnements drei Jahre nach ihrem Ende als Nachweis der Einwilligung. Die Newsletter enthalten keine Zählpixel.

        ## Meldungen zu Barrieren

        Wenn Sie eine Barriere melden, speichern wir Ihre Beschreibung und – falls angegeben – Name und E-Mail-Adresse, um die Meldung zu bearbeiten und Ihnen zu antworten (Art. 6 Abs. 1 lit. c DSGVO in Verbindung mit der BITV NRW). Die Angaben sieht nur die Geschäftsstelle. Wir löschen sie spätestens ein Jahr nach Abschluss der Bearbeitung.

        ## Ihre Rechte

        Sie haben das Recht auf Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21 DSGVO). Wenden Sie sich dazu an die oben genannte Stelle. Sie können sich außerdem bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen beschweren.
        """;
}
