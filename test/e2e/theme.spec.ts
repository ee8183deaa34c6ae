import { expect, test } from './fixtures';

test('the colour scheme follows the OS until one is chosen, and the choice survives a reload', async ({ app }) => {
  const html = app.locator('html');
  await app.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');

  await app.getByRole('button', { name: 'Colour scheme' }).click();
  await app.getByRole('menuitem', { name: 'Dark' }).click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await app.reload();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
});
