/**
 * Sends one mail through SES (v2 API). Locally the endpoint is aws-ses-v2-local, whose web page
 * shows every mail sent.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Config } from '../config';
import type { OutgoingMail } from '../db/outbox';

export type MailSender = (mail: OutgoingMail) => Promise<{ messageId: string }>;

export function createSesSender(
  config: Pick<Config, 'region' | 'sesEndpoint' | 'mailFrom' | 'sesConfigurationSet'>,
): MailSender {
  const ses = new SESv2Client({
    region: config.region,
    ...(config.sesEndpoint
      ? {
          endpoint: config.sesEndpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    maxAttempts: 2,
  });
  return async (mail) => {
    const result = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: config.mailFrom,
        Destination: { ToAddresses: [mail.to] },
        ConfigurationSetName: config.sesConfigurationSet,
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: mail.text, Charset: 'UTF-8' },
              ...(mail.html ? { Html: { Data: mail.html, Charset: 'UTF-8' } } : {}),
            },
          },
        },
      }),
    );
    return { messageId: result.MessageId ?? 'unknown' };
  };
}
