/** Plausible names for generated children: Bulgarian in Cyrillic (to exercise UTF-8), Albanian in Latin. */
const NAMES: Record<string, { female: string[]; male: string[]; family: string[]; familyFemale?: string[] }> = {
  BG: {
    female: ['Мария', 'Елена', 'Иванка', 'Десислава', 'Никол', 'Виктория', 'Габриела', 'Йоана', 'Рая', 'Симона'],
    male: ['Иван', 'Георги', 'Димитър', 'Никола', 'Александър', 'Мартин', 'Калоян', 'Борис', 'Стефан', 'Йордан'],
    family: ['Иванов', 'Петров', 'Георгиев', 'Димитров', 'Николов', 'Стоянов', 'Костов', 'Попов', 'Илиев', 'Атанасов'],
    familyFemale: ['Иванова', 'Петрова', 'Георгиева', 'Димитрова', 'Николова', 'Стоянова', 'Костова', 'Попова', 'Илиева', 'Атанасова'],
  },
  AL: {
    female: ['Ana', 'Era', 'Klea', 'Sara', 'Amelia', 'Jona', 'Ajla', 'Elisa', 'Noemi', 'Dea'],
    male: ['Ardit', 'Erion', 'Luan', 'Dritan', 'Klajdi', 'Besart', 'Endri', 'Gent', 'Arber', 'Noel'],
    family: ['Hoxha', 'Shehu', 'Çela', 'Kola', 'Dervishi', 'Gjoka', 'Leka', 'Marku', 'Brahimi', 'Rama'],
  },
};

export function givenNames(country: string, sex: string): string[] {
  const n = NAMES[country] ?? NAMES.AL!;
  return sex === 'female' ? n.female : sex === 'male' ? n.male : [...n.female, ...n.male];
}

export function familyNames(country: string, sex: string): string[] {
  const n = NAMES[country] ?? NAMES.AL!;
  return sex === 'female' && n.familyFemale ? n.familyFemale : n.family;
}
