"""Web page of the Kommunales Integrationszentrum Beispielstadt listing its offers (fictional).

Written as a realistic page with the usual furniture (cookie banner, navigation,
breadcrumbs, sidebar, footer, a script) around the actual content in <main>.
"""

from __future__ import annotations

from pathlib import Path

from _pdf_layout import FICTION_NOTE

FILENAME = "ki-beispielstadt-angebote.html"

PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Angebote des Kommunalen Integrationszentrums | Stadt Beispielstadt</title>
  <meta name="description" content="Clearingstelle Schule, Bildungsberatung, Sprachmittlerpool, Elternbildung und Sprachtreff für Jugendliche – die Angebote des Kommunalen Integrationszentrums Beispielstadt.">
  <link rel="stylesheet" href="/static/css/beispielstadt.min.css">
  <script>
    window.dataLayer = window.dataLayer || [];
    function acceptCookies() {{ document.getElementById('cookie-banner').hidden = true; }}
  </script>
</head>
<body>
<div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookie-Hinweis">
  <p>Diese Website verwendet Cookies, um Ihnen den bestmöglichen Service zu bieten. Weitere Informationen finden Sie in unserer <a href="/datenschutz">Datenschutzerklärung</a>.</p>
  <button onclick="acceptCookies()">Alle akzeptieren</button> <button>Nur notwendige</button> <a href="/cookie-einstellungen">Einstellungen</a>
</div>
<header class="site-header">
  <a class="logo" href="/"><img src="/static/img/wappen.svg" alt="Wappen der Stadt Beispielstadt"> Stadt Beispielstadt</a>
  <form class="search" action="/suche"><input type="search" name="q" placeholder="Suchbegriff eingeben"><button>Suchen</button></form>
  <nav class="main-nav" aria-label="Hauptnavigation">
    <ul>
      <li><a href="/rathaus">Rathaus &amp; Politik</a></li>
      <li><a href="/buergerservice">Bürgerservice</a></li>
      <li><a href="/bildung">Bildung &amp; Integration</a></li>
      <li><a href="/familie">Familie &amp; Soziales</a></li>
      <li><a href="/wirtschaft">Wirtschaft</a></li>
      <li><a href="/kultur">Kultur &amp; Freizeit</a></li>
      <li><a href="/leichte-sprache">Leichte Sprache</a></li>
    </ul>
  </nav>
</header>
<nav class="breadcrumb" aria-label="Sie sind hier">
  <a href="/">Startseite</a> &rsaquo; <a href="/bildung">Bildung &amp; Integration</a> &rsaquo; <a href="/bildung/ki">Kommunales Integrationszentrum</a> &rsaquo; <span>Angebote</span>
</nav>
<div class="layout">
<main id="inhalt">
<article>
  <p class="hinweis"><em>{fiction}. Beispielstadt sowie alle Personen, Träger und Kontaktdaten sind frei erfunden.</em></p>
  <h1>Angebote des Kommunalen Integrationszentrums</h1>
  <p class="lead">Das Kommunale Integrationszentrum (KI) der Stadt Beispielstadt unterstützt neu zugewanderte Familien, Kinder und Jugendliche sowie alle, die mit ihnen arbeiten. Hier finden Sie unsere Angebote im Überblick. Alle Angebote sind kostenlos.</p>

  <h2>Clearingstelle Schule: Schulanmeldung für neu zugewanderte Kinder und Jugendliche</h2>
  <p>Ihr Kind ist zwischen 6 und 18 Jahre alt und neu in Beispielstadt? Dann melden Sie es bitte bei unserer Clearingstelle Schule an. Wir laden Sie zu einem Erstgespräch ein, klären gemeinsam mit Ihnen den bisherigen Schulbesuch und die Sprachkenntnisse Ihres Kindes und schlagen dem Schulamt eine passende Schule vor. Vor dem ersten Schultag ist außerdem eine Untersuchung beim Gesundheitsamt nötig; den Termin vereinbaren wir für Sie.</p>
  <p>Offene Sprechzeiten: Montag, Dienstag und Donnerstag 9 bis 12 Uhr, Donnerstag zusätzlich 14 bis 17 Uhr. Ansprechpartner: Jonas Petersen, Telefon 01234 567-310, E-Mail clearingstelle@beispielstadt.example. Das Anmeldeformular gibt es in zwölf Sprachen.</p>

  <h2>Bildungsberatung für Familien und junge Erwachsene</h2>
  <p>Sie möchten wissen, welche Schule oder welcher Abschluss für Sie oder Ihr Kind in Frage kommt, ob Ihr Zeugnis aus dem Herkunftsland anerkannt werden kann oder wie Sie eine Ausbildung finden? Unsere Bildungsberatung hilft Ihnen weiter, auch auf Englisch, Arabisch, Türkisch, Russisch und Ukrainisch. Ansprechpartnerin: Aylin Demir, Telefon 01234 567-320. Termine nach Vereinbarung.</p>

  <h2>Sprachmittlerpool: Dolmetschen für Schulen, Kitas und Beratungsstellen</h2>
  <p>Schulen, Kitas und Beratungsstellen können über das KI kostenlos ehrenamtliche Sprachmittlerinnen und Sprachmittler für Elterngespräche anfragen. Der Pool wird gemeinsam mit Brücke e. V. koordiniert. Derzeit stehen rund 65 geschulte Ehrenamtliche für 18 Sprachen zur Verfügung. Bitte fragen Sie mindestens fünf Werktage vor dem Termin an.</p>
  <p><strong>Bitte beachten Sie:</strong> Für Tigrinya können wir derzeit leider keine Sprachmittlung vermitteln.</p>

  <h2>Elternbildung: Griffbereit und Rucksack</h2>
  <p>In den Elternbildungsprogrammen treffen sich Mütter und Väter regelmäßig in einer Gruppe, lernen spielerisch, wie sie die Sprachentwicklung ihrer Kinder fördern können, und erfahren mehr über Kita und Schule in Deutschland. Gruppen gibt es derzeit an folgenden Orten:</p>
  <ul>
    <li>Griffbereit (Eltern mit Kindern von 1 bis 3 Jahren): Familienzentrum Hafenviertel, Kaistraße 5</li>
    <li>Rucksack KiTa (Eltern von Kita-Kindern): Kita Regenbogen, Stadtbezirk Nord</li>
    <li>Rucksack Schule (Eltern von Grundschulkindern): Grundschule Lindenstraße, Stadtbezirk Mitte</li>
  </ul>
  <p>In den Stadtbezirken Ost, Süd und West finden zurzeit keine Gruppen statt.</p>

  <h2>Sprachtreff „Redezeit“ für Jugendliche</h2>
  <p>Einfach vorbeikommen, Deutsch sprechen, Leute kennenlernen: Jeden Donnerstag von 16 bis 18 Uhr treffen sich Jugendliche und junge Erwachsene zwischen 14 und 21 Jahren, die neu in Beispielstadt sind, im Jugendzentrum Nordlicht (Nordstraße 88). Der Treff wird vom Jugendmigrationsdienst der AWO gemeinsam mit dem KI angeboten. Eine Anmeldung ist nicht nötig.</p>

  <h2>Fortbildungen für Fachkräfte</h2>
  <p>Für Lehrkräfte, pädagogische Fachkräfte und Beschäftigte der Verwaltung bieten wir regelmäßig Fortbildungen an, unter anderem:</p>
  <ul>
    <li>Deutsch als Zweitsprache im Fachunterricht</li>
    <li>Elterngespräche mit Sprachmittlung gut vorbereiten</li>
    <li>Vielfalt in der Kita – vorurteilsbewusste Bildung und Erziehung</li>
  </ul>

  <h2>Netzwerk Ankommen Beispielstadt</h2>
  <p>Das KI ist Geschäftsstelle des Netzwerks Ankommen Beispielstadt, in dem sich rund 40 Organisationen aus Verwaltung, Wohlfahrtspflege, Schulen, Kitas, Vereinen und Migrantenselbstorganisationen abstimmen. Das Netzwerk trifft sich viermal im Jahr. Interessierte Organisationen melden sich bitte bei Dr. Miriam Albers, Leiterin des KI.</p>
</article>
</main>
<aside class="sidebar" aria-label="Zusatzinformationen">
  <h2>Kontakt</h2>
  <p>Kommunales Integrationszentrum Beispielstadt<br>Bahnhofstraße 12, 12345 Beispielstadt<br>Telefon 01234 567-300<br>ki@beispielstadt.example</p>
  <h2>Downloads</h2>
  <ul>
    <li><a href="/downloads/anmeldung-clearingstelle.pdf">Anmeldeformular Clearingstelle (PDF, 12 Sprachen)</a></li>
    <li><a href="/downloads/wegweiser-ankommen.pdf">Wegweiser „Ankommen in Beispielstadt“ (PDF)</a></li>
    <li><a href="/downloads/integrationskonzept-2023.pdf">Integrationskonzept 2023 (PDF)</a></li>
  </ul>
  <h2>Aktuelles</h2>
  <p>Wir suchen Sprachmittlerinnen und Sprachmittler für Tigrinya! Melden Sie sich gerne bei uns.</p>
</aside>
</div>
<footer class="site-footer">
  <ul>
    <li><a href="/impressum">Impressum</a></li>
    <li><a href="/datenschutz">Datenschutz</a></li>
    <li><a href="/kontakt">Kontakt</a></li>
    <li><a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a></li>
    <li><a href="/cookie-einstellungen">Cookie-Einstellungen</a></li>
  </ul>
  <p>&copy; 2024 Stadt Beispielstadt &middot; Seite zuletzt aktualisiert am 15. April 2024</p>
</footer>
</body>
</html>
"""


def build(out_dir: Path) -> Path:
    path = out_dir / FILENAME
    path.write_text(PAGE.format(fiction=FICTION_NOTE), encoding="utf-8")
    return path
