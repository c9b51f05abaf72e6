#include "selfservice/kb_seed_text.h"

namespace hearth::selfservice {

const std::vector<SeedArticle>& seed_table() {
  static const std::vector<SeedArticle> kTable = {
      {"restart-router",
       {"router", "restart", "reboot"},
       {"no-internet", "wifi-slow", "device-cannot-connect"},
       {"Restart your router",
        "A restart clears a router that has got stuck. It takes about three minutes.\n\n"
        "Press the power button or pull out the power plug, wait ten seconds, then switch it on again. "
        "Wait until the lights are steady before you test.\n\n"
        "If there is a disturbance in your area, a restart will not help: check the status on the home page first."},
       {"Router neu starten",
        "Ein Neustart hilft, wenn der Router hängt. Er dauert etwa drei Minuten.\n\n"
        "Drücken Sie den Ein-/Ausschalter oder ziehen Sie den Netzstecker, warten Sie zehn Sekunden und schalten Sie "
        "ihn wieder ein. Warten Sie, bis die Lampen ruhig leuchten, bevor Sie testen.\n\n"
        "Bei einer Störung in Ihrer Region hilft ein Neustart nicht: Sehen Sie zuerst auf der Startseite nach."},
       {"Starta om din router",
        "En omstart hjälper när routern har hängt sig. Det tar ungefär tre minuter.\n\n"
        "Tryck på strömknappen eller dra ur strömsladden, vänta tio sekunder och slå på den igen. Vänta tills lamporna "
        "lyser stadigt innan du testar.\n\n"
        "Om det är en störning i ditt område hjälper inte en omstart: titta först på startsidan."}},
      {"area-disturbance",
       {"outage", "disturbance", "area", "maintenance"},
       {"no-internet"},
       {"Disturbance in your area",
        "Sometimes the network in your area has a fault or planned maintenance. Then many homes are affected at "
        "once and there is nothing wrong with your own equipment.\n\n"
        "The home page shows when it began and when we expect it to be fixed. You do not need to restart your router "
        "or call us: we are already working on it, and your connection comes back by itself."},
       {"Störung in Ihrer Region",
        "Manchmal gibt es im Netz Ihrer Region eine Störung oder geplante Wartungsarbeiten. Dann sind viele "
        "Haushalte gleichzeitig betroffen, und an Ihren eigenen Geräten ist nichts defekt.\n\n"
        "Die Startseite zeigt, seit wann die Störung besteht und wann wir die Behebung erwarten. Sie müssen den "
        "Router nicht neu starten und uns nicht anrufen: Wir arbeiten bereits daran, und Ihre Verbindung kommt von "
        "selbst zurück."},
       {"Störning i ditt område",
        "Ibland har nätet i ditt område ett fel eller planerat underhåll. Då påverkas många hem samtidigt och det är "
        "inget fel på din egen utrustning.\n\n"
        "Startsidan visar när det började och när vi räknar med att det är åtgärdat. Du behöver inte starta om "
        "routern eller ringa oss: vi arbetar redan med det och anslutningen kommer tillbaka av sig själv."}},
      {"wifi-channel",
       {"wifi", "channel", "interference", "neighbours"},
       {"wifi-slow", "streaming-buffers"},
       {"Crowded Wi-Fi channel",
        "Your Wi-Fi shares its radio channel with your neighbours' networks. When a channel is crowded, everything "
        "gets slower.\n\n"
        "Your router can move to a quieter channel. We do this automatically when we see a better one, and you can "
        "ask for it in the troubleshooting. Devices may drop off for a few seconds while the channel changes."},
       {"Überlasteter WLAN-Kanal",
        "Ihr WLAN teilt sich seinen Funkkanal mit den Netzen Ihrer Nachbarn. Ist ein Kanal voll, wird alles "
        "langsamer.\n\n"
        "Ihr Router kann auf einen ruhigeren Kanal wechseln. Wir tun das automatisch, wenn wir einen besseren sehen, "
        "und Sie können es in der Fehlersuche anstoßen. Geräte können dabei für einige Sekunden die Verbindung "
        "verlieren."},
       {"Trång wifi-kanal",
        "Ditt wifi delar radiokanal med grannarnas nätverk. När kanalen är trång blir allt långsammare.\n\n"
        "Routern kan byta till en lugnare kanal. Vi gör det automatiskt när vi ser en bättre, och du kan be om det i "
        "felsökningen. Enheterna kan tappa anslutningen några sekunder medan kanalen byts."}},
      {"wifi-placement",
       {"wifi", "coverage", "placement", "signal", "extender"},
       {"no-coverage", "wifi-slow"},
       {"Where to put your router",
        "Wi-Fi is weakened by walls, floors, mirrors, water and metal. A router in a cupboard or on the floor "
        "reaches much less of your home.\n\n"
        "Put it high up, in the open, as central as you can. Keep it away from microwaves, fish tanks and "
        "radiators.\n\n"
        "If rooms far away still have a weak signal, an extender (mesh point) halfway between the router and those "
        "rooms helps."},
       {"Wo der Router stehen sollte",
        "WLAN wird durch Wände, Decken, Spiegel, Wasser und Metall geschwächt. Ein Router im Schrank oder auf dem "
        "Boden erreicht viel weniger von Ihrer Wohnung.\n\n"
        "Stellen Sie ihn hoch, frei und möglichst zentral auf. Halten Sie Abstand zu Mikrowellen, Aquarien und "
        "Heizkörpern.\n\n"
        "Haben entfernte Räume weiterhin schwachen Empfang, hilft ein Repeater (Mesh-Punkt) auf halber Strecke "
        "zwischen Router und diesen Räumen."},
       {"Var routern ska stå",
        "Wifi försvagas av väggar, golv, speglar, vatten och metall. En router i ett skåp eller på golvet når en "
        "mycket mindre del av hemmet.\n\n"
        "Ställ den högt, fritt och så centralt som möjligt. Håll den borta från mikrovågsugnar, akvarier och "
        "element.\n\n"
        "Om rum långt bort fortfarande har svag signal hjälper en förstärkare (mesh-punkt) halvvägs mellan routern "
        "och de rummen."}},
      {"5ghz-band",
       {"wifi", "5ghz", "band", "speed"},
       {"wifi-slow", "streaming-buffers"},
       {"Use the 5 GHz band",
        "Your router sends Wi-Fi on two bands. 2.4 GHz reaches further but is slower and more crowded; 5 GHz is much "
        "faster at shorter range.\n\n"
        "Devices near the router should use 5 GHz. Most choose it themselves; if one stays on 2.4 GHz, switch its "
        "Wi-Fi off and on again. Older devices may only know 2.4 GHz."},
       {"Das 5-GHz-Band nutzen",
        "Ihr Router sendet WLAN auf zwei Bändern. 2,4 GHz reicht weiter, ist aber langsamer und voller; 5 GHz ist "
        "auf kürzere Entfernung viel schneller.\n\n"
        "Geräte in der Nähe des Routers sollten 5 GHz nutzen. Die meisten wählen es selbst; bleibt eines bei "
        "2,4 GHz, schalten Sie sein WLAN aus und wieder ein. Ältere Geräte kennen oft nur 2,4 GHz."},
       {"Använd 5 GHz-bandet",
        "Routern sänder wifi på två band. 2,4 GHz når längre men är långsammare och trängre; 5 GHz är mycket "
        "snabbare på kortare avstånd.\n\n"
        "Enheter nära routern bör använda 5 GHz. De flesta väljer det själva; om en stannar på 2,4 GHz, stäng av "
        "dess wifi och slå på det igen. Äldre enheter klarar ibland bara 2,4 GHz."}},
      {"speed-test",
       {"speed", "test", "internet", "slow"},
       {"wifi-slow", "streaming-buffers", "no-internet"},
       {"Test your speed",
        "The speed test on the home page runs on your router itself, so it measures your line without your Wi-Fi "
        "in between.\n\n"
        "If the router gets close to the speed you pay for but a device does not, the cause is the Wi-Fi or the "
        "device: see the articles about the router's place and the 5 GHz band. If the router is slow too, run the "
        "troubleshooting and we will look at your line."},
       {"Geschwindigkeit testen",
        "Der Geschwindigkeitstest auf der Startseite läuft im Router selbst und misst so Ihren Anschluss ohne das "
        "WLAN dazwischen.\n\n"
        "Erreicht der Router ungefähr die gebuchte Geschwindigkeit, ein Gerät aber nicht, liegt es am WLAN oder am "
        "Gerät: Lesen Sie die Artikel zum Standort des Routers und zum 5-GHz-Band. Ist auch der Router langsam, "
        "starten Sie die Fehlersuche, und wir prüfen Ihren Anschluss."},
       {"Testa hastigheten",
        "Hastighetstestet på startsidan körs i routern själv och mäter alltså din anslutning utan wifi "
        "emellan.\n\n"
        "Om routern får ungefär den hastighet du betalar för men en enhet inte gör det, beror det på wifi eller "
        "enheten: läs artiklarna om routerns placering och 5 GHz-bandet. Om routern också är långsam, starta "
        "felsökningen så tittar vi på din anslutning."}},
      {"firmware-update",
       {"router", "firmware", "update", "software"},
       {"no-internet", "wifi-slow"},
       {"Router software updates",
        "Your router's software (firmware) is updated by us, usually at night. Updates fix faults and close "
        "security holes.\n\n"
        "During an update the router restarts once and is offline for a few minutes. Do not switch it off while its "
        "lights flash. If we see that your router runs old software, the troubleshooting offers the update."},
       {"Software-Updates des Routers",
        "Die Software (Firmware) Ihres Routers aktualisieren wir, meist nachts. Updates beheben Fehler und "
        "schließen Sicherheitslücken.\n\n"
        "Während eines Updates startet der Router einmal neu und ist einige Minuten offline. Schalten Sie ihn nicht "
        "aus, solange die Lampen blinken. Läuft auf Ihrem Router alte Software, bietet die Fehlersuche das Update an."},
       {"Uppdatering av routerns programvara",
        "Routerns programvara (firmware) uppdateras av oss, oftast på natten. Uppdateringar rättar fel och täpper "
        "till säkerhetshål.\n\n"
        "Under en uppdatering startar routern om en gång och är offline i några minuter. Stäng inte av den medan "
        "lamporna blinkar. Om din router har gammal programvara erbjuder felsökningen uppdateringen."}},
      {"device-cannot-connect",
       {"wifi", "connect", "device", "password"},
       {"device-cannot-connect"},
       {"A device cannot connect",
        "First check that you chose the right network name and typed the password exactly, with upper and lower "
        "case. After a password change, every device must be told the new one.\n\n"
        "Switch the device's Wi-Fi off and on, or tell it to forget the network and join again. If other devices "
        "work, restart the one that does not; if none work, restart the router."},
       {"Ein Gerät verbindet sich nicht",
        "Prüfen Sie zuerst, ob Sie den richtigen Netzwerknamen gewählt und das Passwort genau eingegeben haben, mit "
        "Groß- und Kleinschreibung. Nach einer Passwortänderung braucht jedes Gerät das neue Passwort.\n\n"
        "Schalten Sie das WLAN des Geräts aus und ein, oder lassen Sie es das Netz vergessen und verbinden Sie neu. "
        "Funktionieren andere Geräte, starten Sie das betroffene neu; funktioniert keines, starten Sie den Router neu."},
       {"En enhet kan inte ansluta",
        "Kontrollera först att du valt rätt nätverksnamn och skrivit lösenordet exakt, med stora och små bokstäver. "
        "Efter ett lösenordsbyte måste varje enhet få det nya.\n\n"
        "Stäng av och slå på enhetens wifi, eller låt den glömma nätverket och anslut igen. Om andra enheter "
        "fungerar, starta om den som inte gör det; om ingen fungerar, starta om routern."}},
      {"streaming-buffering",
       {"streaming", "video", "buffering", "tv"},
       {"streaming-buffers"},
       {"Video keeps buffering",
        "Streaming needs a steady connection more than a fast one. Short drops in the Wi-Fi make the picture stop "
        "or turn blurry.\n\n"
        "If you can, connect the TV or streaming box with a network cable. Otherwise use the 5 GHz band, keep the "
        "router in the open, and check the home page for a crowded channel or a disturbance."},
       {"Videos laden ständig nach",
        "Streaming braucht eher eine gleichmäßige als eine schnelle Verbindung. Kurze Aussetzer im WLAN lassen das "
        "Bild stocken oder unscharf werden.\n\n"
        "Verbinden Sie Fernseher oder Streaming-Box wenn möglich mit einem Netzwerkkabel. Sonst nutzen Sie das "
        "5-GHz-Band, stellen den Router frei auf und sehen auf der Startseite nach einem vollen Kanal oder einer "
        "Störung."},
       {"Video laddar hela tiden",
        "Streaming behöver hellre en jämn anslutning än en snabb. Korta avbrott i wifi gör att bilden stannar eller "
        "blir suddig.\n\n"
        "Anslut om möjligt tv:n eller strömningsboxen med nätverkskabel. Annars använd 5 GHz-bandet, ställ routern "
        "fritt och titta på startsidan efter en trång kanal eller en störning."}},
      {"wifi-password",
       {"wifi", "password", "security", "name"},
       {"device-cannot-connect"},
       {"Change your Wi-Fi name or password",
        "You can change the Wi-Fi name and password under Wi-Fi in this portal. The password needs 8 to 63 "
        "characters; a long sentence is easy to remember and hard to guess.\n\n"
        "After the change every device drops off and must join again with the new name or password. Do it when "
        "nobody is in the middle of a call or a download."},
       {"WLAN-Name oder Passwort ändern",
        "Den WLAN-Namen und das Passwort ändern Sie in diesem Portal unter WLAN. Das Passwort braucht 8 bis 63 "
        "Zeichen; ein langer Satz ist leicht zu merken und schwer zu erraten.\n\n"
        "Nach der Änderung verlieren alle Geräte die Verbindung und müssen sich mit dem neuen Namen oder Passwort "
        "neu verbinden. Tun Sie es, wenn gerade niemand telefoniert oder etwas herunterlädt."},
       {"Byt wifi-namn eller lösenord",
        "Du byter wifi-namn och lösenord under Wifi i den här portalen. Lösenordet behöver 8 till 63 tecken; en "
        "lång mening är lätt att komma ihåg och svår att gissa.\n\n"
        "Efter bytet kopplas alla enheter från och måste anslutas igen med det nya namnet eller lösenordet. Gör det "
        "när ingen är mitt i ett samtal eller en nedladdning."}},
      {"guest-network",
       {"wifi", "guest", "visitors"},
       {},
       {"The guest network",
        "The guest network gives visitors internet without access to your own devices, such as printers or "
        "cameras.\n\n"
        "Switch it on or off under Wi-Fi in this portal. It has its own name and password, so you never have to "
        "share your main password. Switch it off when you do not need it."},
       {"Das Gäste-WLAN",
        "Das Gäste-WLAN gibt Besuchern Internet, ohne Zugriff auf Ihre eigenen Geräte wie Drucker oder Kameras.\n\n"
        "Schalten Sie es in diesem Portal unter WLAN ein oder aus. Es hat einen eigenen Namen und ein eigenes "
        "Passwort, Sie müssen Ihr Hauptpasswort also nie weitergeben. Schalten Sie es aus, wenn Sie es nicht "
        "brauchen."},
       {"Gästnätverket",
        "Gästnätverket ger besökare internet utan åtkomst till dina egna enheter, som skrivare eller kameror.\n\n"
        "Slå på eller stäng av det under Wifi i den här portalen. Det har eget namn och lösenord, så du behöver "
        "aldrig dela ditt huvudlösenord. Stäng av det när du inte behöver det."}},
  };
  return kTable;
}

}  // namespace hearth::selfservice
