/** Amounts as a rent notice writes them, the same on every page. */
const wholeEuros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const centEuros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "620 €", and "620,50 €" only when there are cents. */
export const formatEuros = (amount: number) => (Number.isInteger(amount) ? wholeEuros : centEuros).format(amount);
