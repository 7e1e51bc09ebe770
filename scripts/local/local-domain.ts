/** The mail domain of every account the local stack seeds (staff and demo tenants); never deliverable. */
export const LOCAL_DOMAIN = 'bourse.local';
